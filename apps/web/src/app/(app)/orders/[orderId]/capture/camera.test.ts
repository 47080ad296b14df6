import { describe, expect, it } from 'vitest';
import { CAMERA_PROBLEM_MESSAGES, CameraUnavailable, cameraProblem } from './camera';

const failure = (name: string) => Object.assign(new Error('getUserMedia failed'), { name });

describe('camera problems', () => {
  it('tells a refusal from a missing or busy camera', () => {
    expect(cameraProblem(failure('NotAllowedError'))).toBe('denied');
    expect(cameraProblem(failure('SecurityError'))).toBe('denied');
    expect(cameraProblem(failure('NotFoundError'))).toBe('no_camera');
    expect(cameraProblem(failure('OverconstrainedError'))).toBe('no_camera');
    expect(cameraProblem(failure('NotReadableError'))).toBe('busy');
    expect(cameraProblem(failure('TypeError'))).toBe('unsupported');
    expect(cameraProblem('nonsense')).toBe('unsupported');
  });

  it('points every problem at the library picker', () => {
    for (const message of Object.values(CAMERA_PROBLEM_MESSAGES)) expect(message).toMatch(/library/);
    expect(new CameraUnavailable('denied').message).toBe(CAMERA_PROBLEM_MESSAGES.denied);
  });
});
