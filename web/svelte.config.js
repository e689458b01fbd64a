import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    // precompress: sirv serves .br/.gz copies of the client JS, which matters on metered connections.
    adapter: adapter({ out: 'build', precompress: true }),
    // The whole stylesheet is a few KB: inlining it saves a render-blocking round trip on slow networks.
    inlineStyleThreshold: 32_768,
  },
};
