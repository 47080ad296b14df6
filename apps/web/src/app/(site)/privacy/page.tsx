import {
  CONSENT_STATEMENTS,
  PRIVACY_NOTICE_VERSION,
  RETENTION_SCHEDULE,
  WINBACK_STEPS,
} from '@likeness/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, LegalSection } from '@/components/legal-page';
import { publicConfig } from '@/lib/config';
import { LINK_LIFETIME, serverLocation } from '@/lib/privacy-copy';

export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'Privacy notice',
  description:
    'What Likeness collects to make your headshots, including face data, why, who processes it, where, for how long, and how you delete it yourself.',
  alternates: { canonical: '/privacy' },
};

/** Google Analytics, only where the operator configured a measurement id (lib/config.ts). */
const ANALYTICS_PROCESSOR = {
  name: 'Google Analytics (Google LLC)',
  role: 'Counting visits and the steps towards an order, only as far as you allow it in the cookie banner.',
  data: 'With your permission: a random cookie id, the pages you open, the campaign that brought you, the styles you look at and choose, and the steps of your order (its number, plan and price, never your photos, name or email). Without it: cookieless pings that carry no lasting id.',
} as const;

/** Everyone who handles customer data for us, and what for. */
const BASE_PROCESSORS = [
  {
    name: 'Google Cloud and Firebase (Google LLC)',
    role: 'Hosting of this site, sign-in (Firebase Authentication), the database (Cloud Firestore), file storage (Cloud Storage), our server code (Cloud Functions and Cloud Tasks), and abuse protection (App Check with reCAPTCHA Enterprise).',
    data: 'Everything listed above: they hold our systems.',
  },
  {
    name: 'Stripe',
    role: 'Payments.',
    data: 'Your email address, the order’s price and the payment, and, if we send you a discount code, a Stripe customer record with your email address that the code is tied to (deleted with your account). You type your card details on Stripe’s page; they never reach us.',
  },
  {
    name: 'Replicate',
    role: 'The GPU provider: trains your personal model and generates your headshots.',
    data: 'The training set made from your accepted selfies, the prompts for your styles, your personal model (kept there as a model version until it is deleted) and the headshots it makes.',
  },
  {
    name: 'SendGrid (Twilio)',
    role: 'Email delivery.',
    data: `Your email address and the emails we send you about your orders: headshots ready, a problem or a refund, the reminder before headshots are deleted, and deletion receipts. Also, unless you unsubscribe (one click, in every such email; your account page turns them off or back on): up to ${WINBACK_STEPS.length} reminders for an order you started and did not pay (the later ones with a discount code), and one request to rate delivered headshots.`,
  },
] as const;

const PROCESSORS = publicConfig.analytics ? [...BASE_PROCESSORS, ANALYTICS_PROCESSOR] : BASE_PROCESSORS;

export default function PrivacyPage() {
  const contact = publicConfig.contactEmail;
  return (
    <LegalPage
      title="Privacy notice"
      meta={
        <>
          Version <span data-testid="privacy-notice-version">{PRIVACY_NOTICE_VERSION}</span>. When it changes
          in substance we ask for your consent again before your next upload.
        </>
      }
      lead={
        <p>
          Likeness turns your selfies into studio headshots. To do that we have to handle photos of your face,
          which the law treats as sensitive. This notice says what we collect, why, who helps us, where it is
          processed, how long each thing is kept, and how you delete it yourself.
        </p>
      }
    >
      <LegalSection id="collect" title="What we collect, and why">
        <ul>
          <li>
            <strong>Your email address</strong>, to sign you in (by email link or with Google) and to send you
            the emails of your orders.
          </li>
          <li>
            <strong>The selfies you upload</strong>, to check them and to train a personal model of your face.
          </li>
          <li>
            <strong>Face data made from each selfie</strong>: a crop of the face, face measurements (where the
            face is, its angle, sharpness and exposure) and a face embedding (a list of numbers that describes
            a face, which is biometric data). We use them to check that each photo shows one clear face and
            that all photos show the same person, and to build the training set. A face model also estimates
            whether a face looks like a man or a woman; that only suggests the word the prompts use for you,
            and your own choice always wins. Embeddings and measurements are readable by our servers only,
            never by a browser.
          </li>
          <li>
            <strong>Your personal model</strong>: the weights fine-tuned on your selfies, used only to
            generate the headshots of your order, never shared and never used to train anything else.
          </li>
          <li>
            <strong>Your headshots</strong>, with the ratings and favourites you give them, so you can see and
            download them.
          </li>
          <li>
            <strong>Your orders and payments</strong>: plan, styles, status, amounts and Stripe’s references.
            Payment records are kept by Stripe (see below).
          </li>
        </ul>
        <p>
          We handle your face data only with your explicit consent, given before your first upload by ticking
          these statements:
        </p>
        <ul>
          {Object.values(CONSENT_STATEMENTS).map((statement) => (
            <li key={statement}>{statement}</li>
          ))}
        </ul>
        <p>
          Everything else we handle because you asked us to make your headshots, and payment records because
          tax law requires them. We show no ads and sell no data.{' '}
          {publicConfig.analytics
            ? 'Google Analytics sets its cookie only if you allow it in the cookie banner (you can change your choice under “Cookie settings” at the bottom of every page); your choice is kept in your browser, and where you first came from (the campaign in the link you followed) is kept in your browser and stored with your order.'
            : 'We run no analytics or advertising trackers.'}{' '}
          Your browser keeps your signed-in session, and while you sign in by email link, the address you
          typed.
        </p>
        <p>
          We count visits to this site ourselves, on our own servers (Firebase), without cookies and without
          anything that identifies you. When you arrive, your browser sends the path of the page you landed on
          and the campaign details of the link you followed, if it has any (<code>utm_source</code>,{' '}
          <code>utm_medium</code>, <code>utm_campaign</code>, Google Ads&apos; click id). We add one to that
          day&apos;s count for that page and for its campaign source (an ad click counts as Google Ads) and
          keep nothing else: no IP address, no browser details, no id, not the click id. So that a visit is
          counted once, the open tab keeps a note that is gone when you close it.
        </p>
      </LegalSection>

      <LegalSection id="processors" title="Who processes it for us">
        <p>We use these processors, each only for what is written here:</p>
        <ul>
          {PROCESSORS.map((p) => (
            <li key={p.name}>
              <strong>{p.name}</strong>: {p.role} {p.data}
            </li>
          ))}
        </ul>
        <p>
          Our operators can see your orders and their status to help you when something goes wrong. Apart from
          them and the processors above, nobody sees your photos or headshots.
        </p>
      </LegalSection>

      <LegalSection id="where" title="Where it is processed">
        <p>
          Our server code runs in {serverLocation()}. Each of our processors may process your data in the
          United States. If you live elsewhere, using Likeness means your data is transferred to the United
          States.
        </p>
        <p>
          Photos and headshots are stored privately; your browser gets them through signed links that expire
          after {LINK_LIFETIME}.
        </p>
      </LegalSection>

      <LegalSection id="retention" title="How long we keep it">
        <p>Deletion happens on this schedule without you asking; you can always delete sooner yourself.</p>
        <div className="overflow-x-auto rounded-2xl border border-slate-200">
          <table className="min-w-full text-left text-sm" data-testid="retention-schedule">
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  What
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  How long
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {RETENTION_SCHEDULE.map((row) => (
                <tr key={row.what}>
                  <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                    {row.what}
                  </th>
                  <td className="px-4 py-3">{row.kept}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </LegalSection>

      <LegalSection id="rights" title="Your rights, and where to use them">
        <ul>
          <li>
            <strong>See what we hold and take a copy.</strong> Your{' '}
            <Link prefetch={false} href="/account">
              account page
            </Link>{' '}
            lists your orders and what each holds. On an order’s page, <em>Download all</em> gives you every
            headshot in one zip.
          </li>
          <li>
            <strong>Delete a photo.</strong> Before you pay, each photo on the order page has a Delete link;
            the photo, its face crop and its face data go at once.
          </li>
          <li>
            <strong>Delete an order.</strong> At any stage, with <em>Delete this order</em> at the bottom of
            the order page: its selfies, face data, personal model (with us and at the GPU provider) and,
            after payment, its headshots. Work under way stops first. You get a receipt by email.
          </li>
          <li>
            <strong>Delete your account.</strong> On your{' '}
            <Link prefetch={false} href="/account">
              account page
            </Link>
            : every order as above, your consent record and your sign-in. A receipt goes to your email
            address, which we then forget.
          </li>
          <li>
            <strong>Withdraw your consent.</strong> Deleting your photos, the order or your account withdraws
            it: we stop using your face and delete what was made from it. Processing already done stays
            lawful.
          </li>
          <li>
            <strong>Anything else</strong> (to correct something, object, or ask what we hold): write to us at
            the address below. You may also complain to your data protection authority.
          </li>
        </ul>
        <p>
          Deleting does not touch payment records: Stripe keeps them as tax and anti-fraud law requires, and
          deleting an order does not refund it.
        </p>
      </LegalSection>

      <LegalSection id="children" title="Adults only">
        <p>
          Likeness is for people 18 or older, and only for photos of yourself or of someone who gave you
          permission. Do not upload photos of children.
        </p>
      </LegalSection>

      <LegalSection id="contact" title="Contact">
        <p>
          Questions about your data or this notice:{' '}
          <a href={`mailto:${contact}`} data-testid="privacy-contact">
            {contact}
          </a>
          . See also our{' '}
          <Link prefetch={false} href="/terms">
            terms of service
          </Link>
          .
        </p>
      </LegalSection>
    </LegalPage>
  );
}
