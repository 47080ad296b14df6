import { describe, expect, it } from 'vitest';
import { firebaseOrigins } from './origins';

describe('firebaseOrigins', () => {
  it('names Google’s Auth and Firestore endpoints in production', () => {
    expect(firebaseOrigins({ emulators: null })).toEqual([
      'https://identitytoolkit.googleapis.com',
      'https://firestore.googleapis.com',
    ]);
  });

  it('names the emulators, with their shifted ports, on the local stack', () => {
    expect(
      firebaseOrigins({
        emulators: {
          auth: 'http://127.0.0.1:9119',
          firestore: { host: '127.0.0.1', port: 8100 },
          functions: { host: '127.0.0.1', port: 5021 },
        },
      }),
    ).toEqual(['http://127.0.0.1:9119', 'http://127.0.0.1:8100']);
  });
});
