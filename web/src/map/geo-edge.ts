import type * as L from 'leaflet';
import type { LngLat, PolygonGeometry } from '../../../server/contract';

// The only place where [lng, lat] (GeoJSON, the API) turns into Leaflet's [lat, lng] and back.

export function toLatLng([lng, lat]: LngLat): L.LatLngTuple {
  return [lat, lng];
}

export function fromLatLng(latLng: L.LatLng): LngLat {
  return [latLng.lng, latLng.lat];
}

/** Rings without their closing position (Leaflet closes polygons itself). */
export function polygonLatLngs(polygon: PolygonGeometry): L.LatLngTuple[][] {
  return polygon.coordinates.map((ring) => {
    const open = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]
      ? ring.slice(0, -1) : ring;
    return open.map(toLatLng);
  });
}
