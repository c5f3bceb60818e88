import { useState, type FormEvent } from 'react';
import { Icon } from '../../components/Icon';
import { ErrorNotice, Notice } from '../../components/Notice';
import { useRecordLesson, type Lesson } from './api';

/**
 * A lesson's quiz: one answer counts. The result, the right answer and why it
 * is right come from the server, after the first answer (also on a later visit).
 */
export function Quiz({ lesson }: { lesson: Lesson }) {
  const record = useRecordLesson();
  const [choice, setChoice] = useState('');
  if (!lesson.quiz) return null;
  const result = record.data?.quiz;
  const review = result ?? lesson.quiz.review;
  const correct = review ? review.answer === review.correctAnswer : false;
  const textOf = (id: string) => lesson.quiz?.options.find((o) => o.id === id)?.text ?? id;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (choice) record.mutate({ lessonId: lesson.id, input: { answer: choice } });
  };
  return (
    <form
      className="quiz"
      onSubmit={submit}
      aria-labelledby={`quiz-${lesson.id}`}
      data-testid="quiz"
    >
      <h3 id={`quiz-${lesson.id}`} className="quiz-title">
        <Icon name="award" size={18} /> Quick check
      </h3>
      <fieldset className="radio-group" disabled={review !== null && review !== undefined}>
        <legend>{lesson.quiz.question}</legend>
        {lesson.quiz.options.map((o) => (
          <label
            key={o.id}
            className={`radio quiz-option${review && o.id === review.correctAnswer ? ' quiz-correct' : ''}${
              review && !correct && o.id === review.answer ? ' quiz-wrong' : ''
            }`}
          >
            <input
              type="radio"
              name={`quiz-${lesson.id}`}
              value={o.id}
              checked={review ? review.answer === o.id : choice === o.id}
              onChange={() => setChoice(o.id)}
            />
            <span>{o.text}</span>
            {review && o.id === review.correctAnswer && (
              <span className="quiz-mark"> (the right answer)</span>
            )}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={record.error} />
      {review ? (
        <div role="status" data-testid="quiz-explanation">
          <Notice tone={correct ? 'success' : 'warning'}>
            <strong>
              {correct ? 'Correct!' : `Not quite. The answer is “${textOf(review.correctAnswer)}”.`}
            </strong>{' '}
            {review.explanation}
            {result && !result.recorded && ' Your first answer stands.'}
            {result?.recorded &&
              (correct ? ' Your score went up.' : ' Only the first answer counts.')}
          </Notice>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" disabled={!choice || record.isPending}>
          Check my answer
        </button>
      )}
    </form>
  );
}
