import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextConfig } from 'next';

// public/early-paint.js runs while an article page loads, before hydration: it is requested with
// its content hash in the query (components/annotator/early-paint.ts) and cached for good, so a
// returning reader's page waits on no request for it.
const earlyPaintVersion = createHash('sha256')
  .update(readFileSync(path.join(import.meta.dirname, 'public', 'early-paint.js')))
  .digest('hex')
  .slice(0, 16);

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  poweredByHeader: false,
  env: { SLANT_EARLY_PAINT_VERSION: earlyPaintVersion },
  typedRoutes: false,
  // authInterrupts: forbidden() renders app/forbidden.tsx with status 403, so pages answer the same
  // codes as the API.
  // turbopackChunking: fewer, larger client chunks, merged most eagerly for the annotate page. Every
  // <script async> that Next puts in <head> makes Chromium's first layout of a long article slower
  // (measured: 9 scripts cost 80–180 ms more than 1 before the highlights were painted); merged,
  // the page has 3 instead of 9 and loads no more code. Trade-off and figures: decision record 010.
  experimental: {
    authInterrupts: true,
    // The article edit form posts the whole text through a server action: up to 1,000,000 code
    // points (lib/import/limits.ts), at most 4 bytes each in UTF-8, plus the other fields. Next's
    // default of 1 MB would refuse a long non-Latin article with a bare error; the text's own
    // limit is checked, and named, by the action.
    serverActions: { bodySizeLimit: '5mb' },
    turbopackChunking: {
      requestCost: 50_000_000,
      minChunkSize: 1_000_000,
      maxMergeChunkSize: 5_000_000,
      firstPageLoadPriority: 1,
      priorityRoutes: [/^\/projects\/[^/]+\/articles\//],
      priorityBoost: 10,
    },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
      {
        source: '/early-paint.js',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }],
      },
      {
        // Pages get a nonce-based policy from proxy.ts; API answers are data and may load nothing.
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
