/**
 * The account's sender identities, as SendGrid's Sender Verification API (`GET /v3/verified_senders`)
 * and Domain Authentication API (`GET /v3/whitelabel/domains`) return them. Which are verified is
 * stand-in state set at start (the launcher verifies the stack's MAIL_FROM), so a check can be seen to
 * pass for a verified sender and fail for one that is not.
 */
export interface SenderSeed {
  email: string;
  verified: boolean;
}

export interface DomainSeed {
  domain: string;
  valid: boolean;
}

export interface VerifiedSender {
  id: number;
  nickname: string;
  from_email: string;
  from_name: string;
  reply_to: string;
  reply_to_name: string;
  address: string;
  address2: string;
  state: string;
  city: string;
  zip: string;
  country: string;
  verified: boolean;
  locked: boolean;
}

export interface AuthenticatedDomain {
  id: number;
  user_id: number;
  subdomain: string;
  domain: string;
  username: string;
  ips: string[];
  custom_spf: boolean;
  default: boolean;
  legacy: boolean;
  automatic_security: boolean;
  valid: boolean;
  dns: Record<string, { valid: boolean; type: string; host: string; data: string }>;
}

const USER_ID = 1;
const USERNAME = 'likeness-local';

export class SenderIdentities {
  private readonly senders: VerifiedSender[];
  private readonly domains: AuthenticatedDomain[];

  constructor(senders: readonly SenderSeed[], domains: readonly DomainSeed[]) {
    this.senders = senders.map((s, i) => ({
      id: 1000 + i,
      nickname: s.email.split('@')[0]!,
      from_email: s.email,
      from_name: 'Likeness',
      reply_to: s.email,
      reply_to_name: 'Likeness',
      address: '1 Local Street',
      address2: '',
      state: '',
      city: 'Localhost',
      zip: '00000',
      country: 'United States',
      verified: s.verified,
      locked: false,
    }));
    this.domains = domains.map((d, i) => {
      const record = (host: string, data: string) => ({ valid: d.valid, type: 'cname', host, data });
      return {
        id: 2000 + i,
        user_id: USER_ID,
        subdomain: 'em',
        domain: d.domain,
        username: USERNAME,
        ips: [],
        custom_spf: false,
        default: i === 0,
        legacy: false,
        automatic_security: true,
        valid: d.valid,
        dns: {
          mail_cname: record(`em.${d.domain}`, 'u1.wl.sendgrid.net'),
          dkim1: record(`s1._domainkey.${d.domain}`, 's1.domainkey.u1.wl.sendgrid.net'),
          dkim2: record(`s2._domainkey.${d.domain}`, 's2.domainkey.u1.wl.sendgrid.net'),
        },
      };
    });
  }

  /** `limit`, `lastSeenID` and `id` filter as SendGrid's query parameters do. */
  listSenders(query: URLSearchParams): { results: VerifiedSender[] } {
    const id = query.get('id');
    const lastSeen = query.get('lastSeenID');
    const limit = query.get('limit');
    let out = this.senders.filter((s) => (id ? s.id === Number(id) : true));
    if (lastSeen) out = out.filter((s) => s.id > Number(lastSeen));
    if (limit) out = out.slice(0, Math.max(0, Number(limit)));
    return { results: structuredClone(out) };
  }

  /** `domain` filters to one domain, as SendGrid's query parameter does. */
  listDomains(query: URLSearchParams): AuthenticatedDomain[] {
    const domain = query.get('domain')?.toLowerCase();
    return structuredClone(domain ? this.domains.filter((d) => d.domain === domain) : this.domains);
  }
}
