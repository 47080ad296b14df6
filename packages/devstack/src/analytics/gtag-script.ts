/**
 * The local gtag.js: what the page loads from `<collector>/gtag/js?id=G-…` (a first-party tagging
 * server serves gtag.js the same way). It reads the page's `dataLayer` commands as Google's script
 * does (`consent default|update`, `js`, `config`, `set`, `event`) and sends `/g/collect` hits to the
 * config's `transport_url` (or `server_container_url`).
 *
 * Consent Mode as gtag.js applies it: with no default every type is granted; while analytics_storage
 * is denied no `_ga` cookie is read or written and each page load gets a throwaway client id
 * (a cookieless ping, `gcs=G1x0`); once granted, that id goes into the `_ga` cookie at once. It has no
 * geolocation, so region-scoped defaults never apply to it, as for a visitor outside those regions.
 */
export function gtagScript(): string {
  return `(function () {
  'use strict';
  var w = window;
  var dl = (w.dataLayer = w.dataLayer || []);
  if (dl.__likenessGtag) return;
  var consent = { ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' };
  var globals = {};
  var streams = {};
  var pageClientId = String(Math.floor(Math.random() * 2147483647)) + '.' + Math.floor(Date.now() / 1000);

  function readCookie() {
    var m = /(?:^|; )_ga=GA1\\.1\\.([0-9]+\\.[0-9]+)/.exec(document.cookie);
    return m ? m[1] : null;
  }
  function clientId() {
    if (consent.analytics_storage !== 'granted') return pageClientId;
    var id = readCookie();
    if (!id) {
      id = pageClientId;
      document.cookie = '_ga=GA1.1.' + id + '; path=/; max-age=' + 400 * 24 * 3600 + '; SameSite=Lax';
    }
    return id;
  }
  function gcs() {
    return 'G1' + (consent.ad_storage === 'granted' ? '1' : '0') + (consent.analytics_storage === 'granted' ? '1' : '0');
  }
  function send(tid, name, params) {
    var stream = streams[tid];
    var base = stream.transport;
    if (!base) return;
    var q = new URLSearchParams();
    q.set('v', '2');
    q.set('tid', tid);
    q.set('cid', clientId());
    q.set('en', name);
    q.set('gcs', gcs());
    q.set('npa', consent.ad_personalization === 'granted' ? '0' : '1');
    q.set('dl', location.href);
    q.set('dt', document.title);
    var all = Object.assign({}, globals, stream.params, params || {});
    Object.keys(all).forEach(function (k) {
      var v = all[k];
      if (v === undefined || v === null || typeof v === 'object' || typeof v === 'function') return;
      if (typeof v === 'number') q.set('epn.' + k, String(v));
      else q.set('ep.' + k, String(v));
    });
    fetch(base.replace(/\\/+$/, '') + '/g/collect?' + q.toString(), { method: 'POST', mode: 'no-cors', keepalive: true, credentials: 'omit' }).catch(function () {});
  }
  var CONFIG_KEYS = ['transport_url', 'server_container_url', 'send_page_view'];
  function run(args) {
    var cmd = args[0];
    if (cmd === 'consent' && (args[1] === 'default' || args[1] === 'update')) {
      var choice = args[2] || {};
      if (args[1] === 'default' && choice.region) return;
      Object.keys(consent).forEach(function (k) {
        if (choice[k] === 'granted' || choice[k] === 'denied') consent[k] = choice[k];
      });
      // Granting storage writes the cookie at once (keeping this page's id), as gtag.js does; denying
      // only stops reading and writing it (removing it is the site's business).
      if (consent.analytics_storage === 'granted' && Object.keys(streams).length > 0) clientId();
    } else if (cmd === 'set' && typeof args[1] === 'object') {
      Object.assign(globals, args[1]);
    } else if (cmd === 'config' && typeof args[1] === 'string') {
      var opts = args[2] || {};
      var params = {};
      Object.keys(opts).forEach(function (k) { if (CONFIG_KEYS.indexOf(k) < 0) params[k] = opts[k]; });
      streams[args[1]] = { transport: opts.server_container_url || opts.transport_url || null, params: params };
      if (opts.send_page_view !== false) send(args[1], 'page_view', {});
    } else if (cmd === 'event' && typeof args[1] === 'string') {
      var p = args[2] || {};
      var targets = p.send_to ? [].concat(p.send_to) : Object.keys(streams);
      var rest = Object.assign({}, p);
      delete rest.send_to;
      delete rest.event_callback;
      targets.forEach(function (tid) { if (streams[tid]) send(tid, args[1], rest); });
      if (typeof p.event_callback === 'function') setTimeout(p.event_callback, 0);
    } else if (cmd === 'get' && typeof args[3] === 'function' && args[2] === 'client_id') {
      args[3](clientId());
    }
  }
  var pending = dl.slice();
  var push = dl.push;
  dl.push = function () {
    var r = push.apply(dl, arguments);
    for (var i = 0; i < arguments.length; i++) if (arguments[i] && arguments[i].length !== undefined) run(arguments[i]);
    return r;
  };
  dl.__likenessGtag = true;
  pending.forEach(function (a) { if (a && a.length !== undefined) run(a); });
})();
`;
}
