import {
  MIN_ACCEPTED_PHOTOS,
  PRIVACY_NOTICE_VERSION,
  REFUND_GUARANTEE,
  describeRefundGuarantee,
} from '@likeness/core';
import type { Metadata } from 'next';
import Link from 'next/link';
import { LegalPage, LegalSection } from '@/components/legal-page';
import { publicConfig } from '@/lib/config';
import {
  days,
  HEADSHOTS_KEPT_PROMISE,
  NO_HANGING_ORDERS,
  SELFIE_DELETION_PROMISE,
  UNPAID_DELETION_PROMISE,
} from '@/lib/privacy-copy';
import { LOWEST_PRICE } from '@/lib/product-numbers';

export const dynamic = 'force-static';

export const metadata: Metadata = {
  title: 'Terms of service',
  description:
    'The rules of Likeness: who may use it, whose photos you may upload, payment and refunds, your rights to your headshots, and deletion.',
  alternates: { canonical: '/terms' },
};

export default function TermsPage() {
  const contact = publicConfig.contactEmail;
  return (
    <LegalPage
      title="Terms of service"
      meta={<>These terms go with the privacy notice of {PRIVACY_NOTICE_VERSION}.</>}
      lead={
        <p>
          These terms are the agreement between you and us, the operator of this site, when you use Likeness.
          They are short on purpose; each promise here is one the service keeps by itself.
        </p>
      }
    >
      <LegalSection id="service" title="What Likeness is">
        <p>
          You upload selfies; we check each one, train a personal model of your face on the photos that pass,
          and generate headshots in the styles you pick. The headshots are made by an AI model: they are
          portraits in your likeness, not photographs, and some may not look quite like you.
        </p>
        <p>
          Likeness is open-source software. These terms cover the service run on this site, not copies of the
          software that others run.
        </p>
      </LegalSection>

      <LegalSection id="who" title="Who may use it, and whose photos">
        <ul>
          <li>You must be 18 or older.</li>
          <li>
            Upload only photos of yourself, or of an adult who has given you permission to use their photos
            for this. Never upload photos of someone else without that permission, and never photos of
            children.
          </li>
          <li>
            Before your first upload you confirm these points and consent to the processing of your face, as
            the{' '}
            <Link prefetch={false} href="/privacy">
              privacy notice
            </Link>{' '}
            describes.
          </li>
          <li>Do not use your headshots to impersonate anyone, or to mislead people about who you are.</li>
        </ul>
      </LegalSection>

      <LegalSection id="order" title="Your order">
        <p>
          You can pay once at least {MIN_ACCEPTED_PHOTOS} of your photos pass the check. Training and
          generation start when the payment is confirmed, and the order page shows their progress. We do not
          promise a delivery time. {NO_HANGING_ORDERS}
        </p>
        <p>
          If some headshots cannot be made, the order is delivered with the ones that were, and the order page
          says how many are missing; our team can run the missing ones again.
        </p>
      </LegalSection>

      <LegalSection id="payment" title="Price and payment">
        <p>
          Each order is paid once, at the price of its plan shown on the site and on the payment page (plans
          from {LOWEST_PRICE}); there is no subscription. Payments are handled by Stripe; discount codes are
          applied on the payment page. While a checkout is open, the photos of that order are locked, so that
          what you pay for is what the order is.
        </p>
      </LegalSection>

      <LegalSection id="refunds" title="Refunds">
        <ul>
          <li>
            <strong>{describeRefundGuarantee()}</strong> Use <em>Not happy? Refund</em> on the order page: the
            whole payment goes back to your card straight away, and the order’s gallery closes.
          </li>
          <li>
            Outside that rule
            {REFUND_GUARANTEE.onlyIfNothingDownloaded ? ' (after a download, ' : ' ('}
            later than {days(REFUND_GUARANTEE.days)} after delivery, or for an order that could not be
            completed) you can still ask on the order page. Our team reviews every request and may refund all
            or part of the payment.
          </li>
          <li>
            A full refund closes the order: its headshots can no longer be viewed or downloaded. An order paid
            entirely with a discount code has no payment to refund.
          </li>
          <li>
            If you dispute the payment with your card issuer, work on the order pauses until the dispute is
            decided; if it is decided in your favour, the order ends as refunded.
          </li>
          <li>Deleting an order or your account does not refund it: ask for the refund first.</li>
        </ul>
      </LegalSection>

      <LegalSection id="licence" title="Your headshots and your photos">
        <p>
          <strong>Your headshots are yours to use.</strong> We give you a worldwide, permanent, royalty-free
          licence to use, edit, print and publish them for any lawful purpose, personal or commercial: your
          profiles, your company’s site, the press. We claim nothing in them and do not use them for anything
          but your order.
        </p>
        <p>
          <strong>Your photos stay yours.</strong> You let us use them only to make your order, as the privacy
          notice describes, and only until they are deleted. Your personal model is used for your order alone.
        </p>
      </LegalSection>

      <LegalSection id="deletion" title="Deletion">
        <ul>
          <li>{SELFIE_DELETION_PROMISE}</li>
          <li>{HEADSHOTS_KEPT_PROMISE}</li>
          <li>{UNPAID_DELETION_PROMISE}</li>
          <li>
            You can delete a photo before you pay, and an order or your whole account at any time, on the
            site; each deletion ends with a receipt. The{' '}
            <Link prefetch={false} href="/privacy#retention">
              retention schedule
            </Link>{' '}
            has the details.
          </li>
        </ul>
      </LegalSection>

      <LegalSection id="liability" title="Our responsibility">
        <p>
          We run Likeness with care, but provide it as it is: generated headshots vary, and the service may at
          times be unavailable. Nothing in these terms limits the rights you have by law as a consumer.
        </p>
        <p>We may change these terms; a change applies to orders started after it is published here.</p>
      </LegalSection>

      <LegalSection id="contact" title="Contact">
        <p>
          Questions about an order, a refund or these terms:{' '}
          <a href={`mailto:${contact}`} data-testid="terms-contact">
            {contact}
          </a>
          .
        </p>
      </LegalSection>
    </LegalPage>
  );
}
