import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CITIES, getCity, getStyle } from '@likeness/core';
import { notFound } from 'next/navigation';
import { ImageResponse } from 'next/og';
import { cityPageCopy } from '@/lib/city-page';

export const alt = 'Likeness: professional headshots made from your selfies';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
export const dynamicParams = false;

export function generateStaticParams() {
  return CITIES.map((city) => ({ city: city.slug }));
}

/** A style preview from /public as a data URL: the image is rendered at build time, offline. */
async function previewDataUrl(styleId: string): Promise<string> {
  const file = join(process.cwd(), 'public', getStyle(styleId).previewImage);
  return `data:image/jpeg;base64,${(await readFile(file)).toString('base64')}`;
}

export default async function Image({ params }: { params: Promise<{ city: string }> }) {
  const city = getCity((await params).city);
  if (!city) notFound();
  const copy = cityPageCopy(city);
  const previews = await Promise.all(city.styleIds.slice(0, 2).map(previewDataUrl));
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        background: '#0f172a',
        color: 'white',
        padding: 56,
        gap: 48,
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', flex: 1, justifyContent: 'space-between' }}>
        <div style={{ fontSize: 30, fontWeight: 700, color: '#a5b4fc' }}>Likeness</div>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ fontSize: 26, color: '#cbd5e1', textTransform: 'uppercase', letterSpacing: 2 }}>
            {copy.place}
          </div>
          <div style={{ fontSize: 64, fontWeight: 700, lineHeight: 1.1, marginTop: 16 }}>{copy.heading}</div>
          <div style={{ fontSize: 28, color: '#cbd5e1', marginTop: 24, lineHeight: 1.35 }}>
            {`For ${copy.professions.map((p) => p.who.toLowerCase()).join(' · ')}`}
          </div>
        </div>
        <div style={{ fontSize: 28, color: '#e2e8f0' }}>{`From your selfies · from ${copy.lowestPrice}`}</div>
      </div>
      <div style={{ display: 'flex', gap: 20, alignItems: 'center' }}>
        {previews.map((src, i) => (
          <img
            key={src.slice(-32)}
            src={src}
            alt=""
            width={220}
            height={275}
            style={{ borderRadius: 24, objectFit: 'cover', marginTop: i === 0 ? 60 : -60 }}
          />
        ))}
      </div>
    </div>,
    size,
  );
}
