import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { useRecordLesson, useTraining, type Lesson, type Progress } from './api';
import { lessonsContacts } from './lessonsContacts';
import { lessonsPipeline } from './lessonsPipeline';
import { lessonsWork } from './lessonsWork';
import { Quiz } from './Quiz';
import { roleBadges, trainingRoleOf } from './roles';
import './training.css';
import './lesson-parts.css';

const content = { ...lessonsContacts, ...lessonsPipeline, ...lessonsWork };

function Stars({ stars }: { stars: number }) {
  return (
    <span className="stars" role="img" aria-label={`${stars} of 5 stars`}>
      {'★'.repeat(stars)}
      <span className="stars-empty">{'☆'.repeat(5 - stars)}</span>
    </span>
  );
}

function Summary({ progress, lessons }: { progress: Progress; lessons: Lesson[] }) {
  return (
    <div className="training-summary" data-testid="training-summary">
      <div className="training-stat">
        <span className="training-number">{lessons.length}</span> Lessons
      </div>
      <div className="training-stat">
        <span className="training-number">{lessons.filter((l) => l.hasQuiz).length}</span> Quizzes
      </div>
      <div className="training-stat">
        <span className="training-number">~30</span> Minutes
      </div>
      <div className="training-stat training-progress">
        <span>Your progress</span>
        <progress max={100} value={progress.percent} aria-label="Training progress" />
        <span className="training-number" data-testid="training-percent">
          {progress.percent}%
        </span>
      </div>
      <div className="training-stat">
        <span>Score</span>
        <span className="training-number" data-testid="training-score">
          {progress.score}
        </span>
        <span className="muted">/ {progress.maxScore}</span>
        <Stars stars={progress.stars} />
      </div>
    </div>
  );
}

function LessonView({
  lesson,
  index,
  progress,
  onNext,
}: {
  lesson: Lesson;
  index: number;
  progress: Progress;
  onNext?: () => void;
}) {
  const record = useRecordLesson();
  const done = progress.completed.includes(lesson.id);
  return (
    <article className="card card-padded lesson" aria-labelledby="lesson-title">
      <header className="lesson-header">
        <span className="lesson-number">{index + 1}</span>
        <div>
          <h2 id="lesson-title">{lesson.title}</h2>
          <p className="muted">{lesson.summary}</p>
          <div className="badge-row">
            {lesson.roles.map((r) => (
              <Badge key={r} tone={roleBadges[r].tone}>
                {roleBadges[r].label}
              </Badge>
            ))}
          </div>
        </div>
      </header>
      <div className="lesson-body">{content[lesson.id] ?? <p>{lesson.summary}</p>}</div>
      <Quiz key={lesson.id} lesson={lesson} />
      <ErrorNotice error={record.error} />
      <div className="form-actions">
        {done ? (
          <Badge tone="green">✓ Completed</Badge>
        ) : (
          <button
            type="button"
            className="btn"
            disabled={record.isPending}
            onClick={() => record.mutate({ lessonId: lesson.id, input: { complete: true } })}
          >
            Mark as complete
          </button>
        )}
        {onNext && (
          <button type="button" className="btn btn-primary" onClick={onNext}>
            Next lesson <Icon name="arrowRight" size={16} />
          </button>
        )}
      </div>
    </article>
  );
}

/** The interactive CRM training: ten lessons with role badges, six quizzes, progress, score and stars. */
export function TrainingPage() {
  useTitle('CRM training');
  const me = useMe();
  const training = useTraining();
  const [current, setCurrent] = useState<string | null>(null);
  if (training.isPending) return <Spinner label="Loading the training…" />;
  if (training.isError) return <ErrorNotice error={training.error} />;
  const { lessons, progress } = training.data;
  const index = Math.max(
    0,
    lessons.findIndex((l) => l.id === current),
  );
  const lesson = current ? lessons[index] : undefined;
  const mine = trainingRoleOf(me.user.role);

  return (
    <div className="page training-page">
      <PageHeader
        title="CRM training"
        description="Master Kantivo CRM, from contacts and deals to the pipeline, templates and permissions. Lessons for every role."
      />
      <Summary progress={progress} lessons={lessons} />
      <div className="training-layout">
        <nav className="card toc" aria-label="Table of contents">
          <h2 className="toc-heading">Table of contents</h2>
          <ol>
            {lessons.map((l, i) => {
              const done = progress.completed.includes(l.id);
              return (
                <li key={l.id}>
                  <button
                    type="button"
                    className={`toc-item${l.id === lesson?.id ? ' active' : ''}`}
                    aria-current={l.id === lesson?.id ? 'true' : undefined}
                    onClick={() => setCurrent(l.id)}
                  >
                    <span className={`toc-number${done ? ' toc-done' : ''}`} aria-hidden="true">
                      {done ? '✓' : i + 1}
                    </span>
                    <span className="toc-text">
                      <span className="strong">{l.title}</span>
                      <span className="muted small">
                        {l.summary}
                        {l.hasQuiz ? ' · quiz' : ''}
                        {!l.roles.includes(mine) ? ' · for other roles' : ''}
                      </span>
                    </span>
                    <span className="sr-only">{done ? '(completed)' : ''}</span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
        {lesson ? (
          <LessonView
            key={lesson.id}
            lesson={lesson}
            index={index}
            progress={progress}
            onNext={
              index < lessons.length - 1
                ? () => setCurrent(lessons[index + 1]?.id ?? null)
                : undefined
            }
          />
        ) : (
          <div className="card card-padded lesson-start">
            <h2>Welcome</h2>
            <p>
              Ten short lessons and six quick checks. Your progress, score and stars are saved to
              your account, so you can stop and come back at any time.
            </p>
            <div className="badge-row">
              {Object.values(roleBadges).map((b) => (
                <Badge key={b.label} tone={b.tone}>
                  {b.label}
                </Badge>
              ))}
            </div>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() =>
                setCurrent(
                  lessons.find((l) => !progress.completed.includes(l.id))?.id ??
                    lessons[0]?.id ??
                    null,
                )
              }
            >
              {progress.completed.length ? 'Continue' : 'Start'}{' '}
              <Icon name="arrowRight" size={16} />
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
