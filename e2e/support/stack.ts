/** Addresses of the running local stack, as exported by the launcher. */
export const stack = {
  projectId: process.env.GCLOUD_PROJECT ?? 'demo-likeness',
  authHost: process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099',
  standins: JSON.parse(process.env.LIKENESS_STANDIN_URLS ?? '{}') as {
    blob: string;
    stripe: string;
    replicate: string;
    mail: string;
    analytics: string;
  },
  operator: JSON.parse(process.env.LIKENESS_OPERATOR ?? '{}') as { email: string; password: string },
  replicateToken: process.env.REPLICATE_API_TOKEN ?? '',
};

/** Makes the Replicate stand-in fail the next `count` trainings or predictions, as a GPU would. */
export async function failNextAtReplicate(kind: 'training' | 'prediction', count: number): Promise<void> {
  const res = await fetch(`${stack.standins.replicate}/_standin/fail-next`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${stack.replicateToken}` },
    body: JSON.stringify({ kind, count }),
  });
  if (!res.ok) throw new Error(`fail-next refused: ${res.status} ${await res.text()}`);
}

interface OobCode {
  email: string;
  requestType: string;
  oobLink: string;
  oobCode: string;
}

/** The newest sign-in link the Auth emulator "sent" to this address. */
export async function signInLinkFor(email: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const res = await fetch(`http://${stack.authHost}/emulator/v1/projects/${stack.projectId}/oobCodes`);
    const { oobCodes } = (await res.json()) as { oobCodes: OobCode[] };
    const mine = oobCodes.filter((c) => c.email === email && c.requestType === 'EMAIL_SIGNIN').at(-1);
    if (mine) return mine.oobLink;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`No sign-in link for ${email} in the Auth emulator`);
}

export interface CollectedEvent {
  channel: 'gtag' | 'measurement-protocol';
  clientId: string | null;
  name: string;
  params: Record<string, unknown>;
  consent: { analyticsStorage?: boolean; adStorage?: boolean; adUserData?: string };
  receivedAt: string;
}

/** Every event the GA4 stand-in took so far, in arrival order. */
export async function analyticsEvents(): Promise<CollectedEvent[]> {
  const res = await fetch(`${stack.standins.analytics}/api/events`);
  if (!res.ok) throw new Error(`collector refused: ${res.status} ${await res.text()}`);
  return (await res.json()) as CollectedEvent[];
}

interface OutboxMessage {
  subject: string;
}

/** Subjects of the emails the mail stand-in took for this address, newest first. */
export async function outboxSubjects(email: string): Promise<string[]> {
  const res = await fetch(`${stack.standins.mail}/api/messages?to=${encodeURIComponent(email)}`);
  if (!res.ok) throw new Error(`outbox refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as OutboxMessage[]).map((m) => m.subject);
}
