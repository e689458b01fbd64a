import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    // precompress: sirv serves .br/.gz copies of the client JS, which matters on metered connections.
    adapter: adapter({ out: 'build', precompress: true }),
    // The whole stylesheet is a few KB: inlining it saves a render-blocking round trip on slow networks.
    inlineStyleThreshold: 32_768,
    // Content-Security-Policy: SvelteKit adds a nonce (server-rendered pages) or a hash (prerendered ones)
    // for the inline script that starts the app, so scripts need no 'unsafe-inline' and no other origin.
    // Styles keep 'unsafe-inline': components set style attributes and transitions add style rules.
    // frame-ancestors 'none': no page, the moderation pages least of all, can be framed (hooks.server.ts
    // also sends X-Frame-Options for browsers that predate frame-ancestors).
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
        'base-uri': ['self'],
        'object-src': ['none'],
      },
    },
  },
};
