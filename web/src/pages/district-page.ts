import type { Zone } from '../../../server/contract';
import { request } from '../api';
import { stockScale } from '../components/stock-bars';
import { zoneTable } from '../components/zone-table';
import { h, replaceChildren } from '../dom';
import { localName, t } from '../i18n';
import { createZoneMap, type ZoneMap } from '../map/zone-map';
import type { Page, PageContext } from '../router';
import { mapDepots, mapZones } from '../zones/map-items';
import { sortZones } from '../zones/zone-input';
import { mapShell } from './map-shell';

/**
 * The district official's view: their district's zones (the API filters by the session) and a table sorted
 * by tier; once plans land, pass days of cover to sortZones/mapZones/zoneTable and the order and colours follow.
 */
export function districtPage(ctx: PageContext): Page {
  const shell = mapShell(t('role.district_official'), ctx.user, () => ctx.navigate('/login'), 'district-page');
  let map: ZoneMap | null = null;
  let zones: Zone[] = [];
  let selected: string | null = null;
  let disposed = false;

  function renderTable(): void {
    const table = zoneTable(sortZones(zones), {
      selectedId: selected, showCover: true,
      onSelect: (id) => { selected = id; map?.selectZone(id, true); renderTable(); },
    });
    replaceChildren(shell.side, h('p', { class: 'muted' }, t('district.sortNote')), table);
  }

  async function mounted(): Promise<void> {
    map = createZoneMap(shell.mapEl, { onZoneClick: (id) => { selected = id; map?.selectZone(id); renderTable(); } });
    try {
      const [districts, zoneList, depots, commodities] = await Promise.all([
        request('GET /api/districts'), request('GET /api/zones'), request('GET /api/depots'), request('GET /api/commodities'),
      ]);
      if (disposed) return;
      zones = zoneList;
      const own = districts.find((d) => d.id === ctx.user?.districtId) ?? districts[0];
      if (own) {
        const title = shell.el.querySelector('[data-testid="page-title"]');
        if (title) title.textContent = t('district.title', { name: localName(own) });
      }
      map.setDepots(mapDepots(depots, commodities, stockScale(depots)));
      map.setZones(mapZones(zones), true);
      renderTable();
      shell.el.dataset.ready = 'true';
    } catch (err) {
      if (!disposed) shell.message.error(err);
    }
  }

  return { el: shell.el, mounted: () => void mounted(), dispose() { disposed = true; map?.destroy(); } };
}
