'use client';

import { Button } from '@/components/ui';
import { useCoarsePointer } from './use-coarse-pointer';

/**
 * The upload area's call to action. On a touch screen there is nothing to drag: two buttons, the
 * library picker and the camera. With a mouse, dropping files still works and the camera is offered
 * beside the picker (laptops have one too).
 */
export function UploadPrompt({ inputId, onTakeSelfies }: { inputId: string; onTakeSelfies: () => void }) {
  const touch = useCoarsePointer();
  const camera = (
    <Button variant="secondary" className="min-h-11" data-testid="take-selfies" onClick={onTakeSelfies}>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      >
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M6.8 6.2 8.3 4h7.4l1.5 2.2H20a1 1 0 0 1 1 1V19a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7.2a1 1 0 0 1 1-1h2.8Z"
        />
        <circle cx="12" cy="12.8" r="3.6" />
      </svg>
      {touch ? 'Take selfies' : 'Take selfies now'}
    </Button>
  );
  if (touch) {
    return (
      <span
        className="flex flex-wrap items-center justify-center gap-3"
        data-testid="upload-prompt"
        data-touch="true"
      >
        <label
          htmlFor={inputId}
          className="inline-flex min-h-11 cursor-pointer items-center justify-center rounded-full bg-brand-600 px-5 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          Choose photos
        </label>
        {camera}
      </span>
    );
  }
  return (
    <span className="flex flex-col items-center gap-3" data-testid="upload-prompt" data-touch="false">
      <span>
        Drag photos here or{' '}
        <label
          htmlFor={inputId}
          className="cursor-pointer text-brand-700 underline underline-offset-2 hover:no-underline"
        >
          choose files
        </label>
      </span>
      {camera}
    </span>
  );
}
