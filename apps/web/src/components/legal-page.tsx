import type { ReactNode } from 'react';

/** The frame of the privacy notice and the terms: a readable column with numbered sections. */
export function LegalPage({
  title,
  lead,
  meta,
  children,
}: {
  title: string;
  lead: ReactNode;
  /** Version and date line under the title. */
  meta: ReactNode;
  children: ReactNode;
}) {
  return (
    <article className="mx-auto max-w-3xl px-4 py-14 sm:px-6">
      <h1 className="text-4xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 text-sm text-slate-500">{meta}</p>
      <div className="mt-6 text-lg leading-8 text-slate-700">{lead}</div>
      <div className="mt-10 space-y-12">{children}</div>
    </article>
  );
}

/** Links, lists and emphasis inside a section get one look, so the content stays plain JSX. */
const PROSE =
  'mt-4 space-y-4 leading-7 text-slate-700 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_a]:underline-offset-2 [&_a:hover]:no-underline [&_li]:pl-1 [&_strong]:font-semibold [&_strong]:text-slate-900 [&_ul]:list-disc [&_ul]:space-y-2 [&_ul]:pl-6';

export function LegalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="scroll-mt-20 text-2xl font-semibold tracking-tight">
        {title}
      </h2>
      <div className={PROSE}>{children}</div>
    </section>
  );
}
