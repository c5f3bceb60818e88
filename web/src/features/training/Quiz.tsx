import { useState, type FormEvent } from 'react';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useRecordLesson, type Lesson } from './api';

/** A lesson's quiz: one answer counts; the result and the right answer come from the server. */
export function Quiz({ lesson, answered }: { lesson: Lesson; answered: boolean | undefined }) {
  const record = useRecordLesson();
  const [choice, setChoice] = useState('');
  if (!lesson.quiz) return null;
  const result = record.data?.quiz;
  const correctText = (id: string) => lesson.quiz?.options.find((o) => o.id === id)?.text ?? id;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) record.mutate({ lessonId: lesson.id, input: { answer: choice } });
  };
  const locked = answered !== undefined || result !== undefined;
  return (
    <form className="quiz" onSubmit={submit} aria-labelledby={`quiz-${lesson.id}`}>
      <h4 id={`quiz-${lesson.id}`}>🧠 Quick check</h4>
      <fieldset className="radio-group" disabled={locked}>
        <legend>{lesson.quiz.question}</legend>
        {lesson.quiz.options.map((o) => (
          <label
            key={o.id}
            className={`radio quiz-option${result && o.id === result.correctAnswer ? ' quiz-correct' : ''}${
              result && !result.correct && o.id === result.answer ? ' quiz-wrong' : ''
            }`}
          >
            <input
              type="radio"
              name={`quiz-${lesson.id}`}
              value={o.id}
              checked={choice === o.id || result?.answer === o.id}
              onChange={() => setChoice(o.id)}
            />
            <span>{o.text}</span>
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={record.error} />
      {result ? (
        result.correct ? (
          <Notice tone="success">Correct! {result.recorded ? 'Your score went up.' : ''}</Notice>
        ) : (
          <Notice tone="warning">
            Not quite. The answer is “{correctText(result.correctAnswer)}”.
            {result.recorded ? ' Only the first answer counts.' : ' Your first answer stands.'}
          </Notice>
        )
      ) : answered !== undefined ? (
        <Notice tone={answered ? 'success' : 'info'}>
          {answered
            ? 'You answered this one correctly.'
            : 'You answered this one already; your first answer counts.'}
        </Notice>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={!choice || record.isPending}>
          Check my answer
        </button>
      )}
    </form>
  );
}
