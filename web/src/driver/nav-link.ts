import type { LngLat } from '../../../server/contract';

// Handoff points are stored in WGS-84 (GPS). Chinese map apps draw in GCJ-02, which is offset by a few hundred
// metres in Guangzhou: a bare WGS-84 pair handed to Amap or Baidu lands beside the gate. The geo: URI is WGS-84
// by definition (RFC 5870), and Amap's URI API takes `coordinate=wgs84` and converts itself. A Baidu link would
// need `coord_type=wgs84` for the same reason.

/** geo: URI for the phone's default navigation app (Android opens a chooser). */
export function geoUri([lng, lat]: LngLat, label: string): string {
  const ll = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  return `geo:${ll}?q=${ll}(${encodeURIComponent(label)})`;
}

/** Amap (高德) marker page that offers navigation, told that the coordinates are WGS-84. */
export function amapUri([lng, lat]: LngLat, label: string): string {
  const q = new URLSearchParams({ position: `${lng.toFixed(6)},${lat.toFixed(6)}`, name: label, coordinate: 'wgs84', callnative: '1', src: 'baogong' });
  return `https://uri.amap.com/marker?${q.toString()}`;
}
