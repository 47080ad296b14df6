import { DraftOrderFields, type Plan, type SubjectClass } from '@likeness/core';

/**
 * Adds or removes one style. The result follows the catalog's order, not the order of clicks, so the
 * same choice always makes the same order (and the same split of headshots between styles).
 */
export function toggleStyle(
  selected: readonly string[],
  styleId: string,
  catalogOrder: readonly string[],
): string[] {
  const next = new Set(selected);
  if (next.has(styleId)) next.delete(styleId);
  else next.add(styleId);
  const rank = (id: string) => {
    const i = catalogOrder.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...next].sort((a, b) => rank(a) - rank(b));
}

export interface SelectionInput {
  subject: SubjectClass | null;
  styleIds: readonly string[];
  plan: Plan;
}

/** Why the new-order form cannot be sent yet, in one sentence; null when it can. */
export function selectionProblem({ subject, styleIds, plan }: SelectionInput): string | null {
  if (!subject) return 'Choose who is in the photos.';
  if (styleIds.length === 0) return 'Pick at least one style.';
  if (styleIds.length > plan.maxStyles) {
    const extra = styleIds.length - plan.maxStyles;
    return `The ${plan.name} plan includes up to ${plan.maxStyles} styles: unselect ${extra}, or choose a bigger plan.`;
  }
  if (new Set(styleIds).size !== styleIds.length) return 'Each style can be picked once.';
  // The same schema the order is written with, so the form never offers what the rules would refuse.
  const checked = DraftOrderFields.safeParse({ subjectClass: subject, styleIds, planId: plan.id });
  if (!checked.success) return checked.error.issues[0]?.message ?? 'Check your choices.';
  return null;
}
