/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = string | number | SafeHtml | null | undefined | readonly SafeHtml[];

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    if (Array.isArray(v)) out += v.map((x: SafeHtml) => x.value).join('');
    else if (v instanceof SafeHtml) out += v.value;
    else if (v !== null && v !== undefined) out += escapeHtml(String(v));
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f5f8}
a{color:#3b5bdb}
header.bar{background:#1d2330;color:#fff;padding:12px 24px;display:flex;align-items:center;gap:12px}
header.bar .tag{font-size:11px;letter-spacing:.08em;text-transform:uppercase;background:#f59f00;color:#1d2330;border-radius:4px;padding:2px 6px;font-weight:700}
main{max-width:960px;margin:24px auto;padding:0 16px}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(16,24,40,.12);padding:20px}
table{width:100%;border-collapse:collapse}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e6e8ee;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#667085}
.muted{color:#667085}
.empty{padding:32px;text-align:center;color:#667085}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f0f1f5;border-radius:4px;padding:1px 4px}
`;

/** A complete page with the stand-ins' shared look; `css` adds page-specific rules. */
export function page(opts: { title: string; service: string; body: SafeHtml; css?: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)}</title><style>${BASE_CSS}${opts.css ?? ''}</style></head>
<body><header class="bar"><strong>${escapeHtml(opts.service)}</strong><span class="tag">local stand-in</span></header>
${opts.body.value}</body></html>`;
}
