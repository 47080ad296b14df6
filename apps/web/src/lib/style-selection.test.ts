import { PLANS, STYLES } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { selectionProblem, toggleStyle } from './style-selection';

const catalog = STYLES.map((s) => s.id);
const [first, second, third] = catalog as [string, string, string];

describe('toggleStyle', () => {
  it('adds a style and keeps catalog order whatever the click order', () => {
    expect(toggleStyle([], third, catalog)).toEqual([third]);
    expect(toggleStyle([third], first, catalog)).toEqual([first, third]);
    expect(toggleStyle([third, first], second, catalog)).toEqual([first, second, third]);
  });

  it('removes a style that is selected, without touching the input', () => {
    const before = [first, second];
    expect(toggleStyle(before, first, catalog)).toEqual([second]);
    expect(before).toEqual([first, second]);
  });

  it('puts ids the catalog does not know last', () => {
    expect(toggleStyle(['zzz'], first, catalog)).toEqual([first, 'zzz']);
  });
});

describe('selectionProblem', () => {
  const plan = PLANS.starter;

  it('asks for the subject first, then a style', () => {
    expect(selectionProblem({ subject: null, styleIds: [first], plan })).toBe('Choose who is in the photos.');
    expect(selectionProblem({ subject: 'woman', styleIds: [], plan })).toBe('Pick at least one style.');
  });

  it('names the plan limit and how many to unselect', () => {
    expect(selectionProblem({ subject: 'man', styleIds: [first, second, third], plan })).toBe(
      'The Starter plan includes up to 2 styles: unselect 1, or choose a bigger plan.',
    );
    expect(
      selectionProblem({ subject: 'man', styleIds: [first, second, third], plan: PLANS.professional }),
    ).toBeNull();
  });

  it('refuses duplicates and unknown styles', () => {
    expect(selectionProblem({ subject: 'person', styleIds: [first, first], plan })).toBe(
      'Each style can be picked once.',
    );
    expect(selectionProblem({ subject: 'person', styleIds: ['no-such-style'], plan })).toBe('Unknown style');
  });

  it('is null for a valid choice', () => {
    expect(selectionProblem({ subject: 'woman', styleIds: [first, second], plan })).toBeNull();
  });
});
