#!/usr/bin/env node
// Grants or revokes the `operator` custom claim, which the operator console, the operator-only
// callables and firestore.rules check.
//
//   node scripts/operator-claim.mjs --project <id> grant|revoke <email>
//       a real project, with application default credentials (`gcloud auth application-default login`)
//   node scripts/operator-claim.mjs --emulator [--project demo-likeness] [--offset 10] grant|revoke <email>
//       the local Auth emulator (FIREBASE_AUTH_EMULATOR_HOST if set, else the launcher's port)
import { portsWithOffset } from '@likeness/core';
import { applicationDefault, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { parseArgs } from 'node:util';

const USAGE =
  'Usage: node scripts/operator-claim.mjs --project <id> grant|revoke <email>\n' +
  '       node scripts/operator-claim.mjs --emulator [--project demo-likeness] [--offset N] grant|revoke <email>';

function fail(message, code = 2) {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      emulator: { type: 'boolean', default: false },
      offset: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) {
  fail(`${e.message}\n${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, email, ...extra] = positionals;
if (!['grant', 'revoke'].includes(command) || !email || extra.length > 0) fail(USAGE);
if (!values.emulator && !values.project) fail(`--project is required for a real project.\n${USAGE}`);
const projectId = values.project ?? 'demo-likeness';

if (values.emulator) {
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= `127.0.0.1:${portsWithOffset(Number(values.offset)).auth}`;
} else if (process.env.FIREBASE_AUTH_EMULATOR_HOST) {
  // The admin SDK would silently talk to the emulator instead of the project named.
  fail('FIREBASE_AUTH_EMULATOR_HOST is set: unset it, or pass --emulator to target the emulator.');
}

const where = values.emulator
  ? `the Auth emulator at ${process.env.FIREBASE_AUTH_EMULATOR_HOST} (project ${projectId})`
  : `project ${projectId}`;
const app = initializeApp(values.emulator ? { projectId } : { projectId, credential: applicationDefault() });
const auth = getAuth(app);

let user;
try {
  user = await auth.getUserByEmail(email);
} catch (e) {
  if (e?.code === 'auth/user-not-found') {
    fail(`No account with the email ${email} on ${where}. They must sign in once first.`, 1);
  }
  throw e;
}

// Other claims on the account are kept; only `operator` is set or removed.
const { operator: had, ...otherClaims } = user.customClaims ?? {};
if (command === 'grant') {
  await auth.setCustomUserClaims(user.uid, { ...otherClaims, operator: true });
  console.log(
    `${had === true ? 'Already an operator; claim set again' : 'Granted operator'}: ${email} (uid ${user.uid}) on ${where}.\n` +
      'The claim reaches their browser with the next ID token: sign out and in, or press "check again" on /operator.',
  );
} else {
  await auth.setCustomUserClaims(user.uid, Object.keys(otherClaims).length > 0 ? otherClaims : null);
  // An ID token already issued keeps the claim until it expires (at most an hour); revoking the
  // refresh tokens makes sure no new token is minted from the old session.
  await auth.revokeRefreshTokens(user.uid);
  console.log(
    `${had === true ? 'Revoked operator' : 'Was not an operator; claim cleared anyway'}: ${email} (uid ${user.uid}) on ${where}.\n` +
      'Their sessions were signed out; an ID token issued before now stays valid for at most an hour.',
  );
}
