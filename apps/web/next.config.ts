import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The marketing pages link previews straight from /public; nothing here needs next/image's optimizer.
  images: { unoptimized: true },
};

export default nextConfig;
