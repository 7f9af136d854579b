import type { Staff, Vehicle, VehicleAvailability, VehicleAvailabilityStatus } from '../../../server/contract';
import { request } from '../api';
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import { messageBox } from './messages';

/** The fleet: per van its capacity, cold chain, driver and availability, saved per row through PUT /api/vehicles/:id
 * (the server's checks: capacity > 0, cold chain ≤ capacity, the driver exists) and PUT /api/vehicle-availability/:id. */
export function fleetPanel(): { el: HTMLElement; load(): Promise<void> } {
  const message = messageBox('fleet-message');
  const body = h('tbody');
  const el = h('section', { class: 'fleet-panel', 'data-testid': 'fleet-panel' },
    h('h3', null, t('fleet.title')), message.el,
    h('table', { class: 'fleet-table' },
      h('thead', null, h('tr', null, h('th', null, ''), h('th', null, t('fleet.capacity')), h('th', null, t('fleet.coldChain')),
        h('th', null, t('fleet.driver')), h('th', null, t('fleet.status')), h('th', null, ''))),
      body));

  function row(van: Vehicle, drivers: readonly Staff[], availability: VehicleAvailability): HTMLElement {
    const capacity = h('input', { type: 'number', min: 0, step: 1, value: van.capacityKg, 'data-testid': 'fleet-capacity', 'aria-label': t('fleet.capacity') });
    const cold = h('input', { type: 'number', min: 0, step: 1, value: van.coldChainKg, 'data-testid': 'fleet-cold', 'aria-label': t('fleet.coldChain') });
    const driver = h('select', { 'data-testid': 'fleet-driver', 'aria-label': t('fleet.driver') },
      h('option', { value: '' }, t('fleet.noDriver')), drivers.map((d) => h('option', { value: d.id }, d.name)));
    driver.value = van.driverId ?? '';
    const status = h('select', { 'data-testid': 'fleet-status', 'aria-label': t('fleet.status') },
      h('option', { value: 'available' }, t('fleet.available')), h('option', { value: 'broken_down' }, t('fleet.broken')));
    status.value = availability.status;
    const note = h('input', { type: 'text', maxlength: 200, value: availability.note, placeholder: t('fleet.note'), 'data-testid': 'fleet-note', 'aria-label': t('fleet.note') });
    const save = h('button', { type: 'button', 'data-testid': 'fleet-save' }, t('common.save'));
    save.addEventListener('click', async () => {
      save.disabled = true;
      message.clear();
      try {
        const { id, ...rest } = van;
        const updated = await request('PUT /api/vehicles/:id', {
          params: { id },
          body: { ...rest, capacityKg: capacity.valueAsNumber, coldChainKg: cold.valueAsNumber, driverId: driver.value || null },
        });
        if (status.value !== availability.status || note.value.trim() !== availability.note) {
          availability = await request('PUT /api/vehicle-availability/:vehicleId', {
            params: { vehicleId: id }, body: { status: status.value as VehicleAvailabilityStatus, note: note.value.trim() },
          });
        }
        van = updated;
        tr.dataset.status = availability.status;
        message.info(t('fleet.saved', { name: updated.name }));
      } catch (err) {
        message.error(err);
      } finally {
        save.disabled = false;
      }
    });
    const tr = h('tr', { 'data-testid': 'fleet-row', 'data-vehicle-id': van.id, 'data-status': availability.status },
      h('td', null, h('strong', null, van.name)), h('td', null, capacity), h('td', null, cold), h('td', null, driver),
      h('td', null, status, note), h('td', null, save));
    return tr;
  }

  return {
    el,
    async load() {
      try {
        const [vans, staff, availability] = await Promise.all([
          request('GET /api/vehicles'), request('GET /api/staff'), request('GET /api/vehicle-availability'),
        ]);
        const drivers = staff.filter((s) => s.role === 'driver');
        const byVan = new Map(availability.map((a) => [a.vehicleId, a]));
        replaceChildren(body, vans.map((v) => row(v, drivers, byVan.get(v.id) ?? { vehicleId: v.id, status: 'available', note: '', updatedAt: null, updatedBy: null })));
        el.dataset.ready = 'true';
      } catch (err) { message.error(err); }
    },
  };
}
