import type { ImportResult, SupplyChannel, SupplyChannelInput, User } from '../../contract';
import type { ChannelCsvRow } from './channel-csv';
import { channelProblem } from '../../domain/supply-channels';
import { isKnownTier, type TierRule } from '../../domain/tiers';
import { DEFAULT_HOUSEHOLD_STOCK_DAYS } from '../../domain/household-stock';
import { writeAudited } from '../audit';
import { createCrudService } from '../crud-service';
import { districtRef } from '../references';
import { AppError } from '../errors';
import type { Store } from '../ports';
import { assertCanWriteDistrict, canReadDistrict, listDistrict } from '../scope';

/** Supply channels, scoped like zones: an official reads and writes only their district's, serving only its zones. */
export function createSupplyChannelService(store: Store, now: () => Date, tierRules: readonly TierRule[]) {
  const invalid = (field: string, message: string): AppError => new AppError('VALIDATION', `${field}: ${message}`, field);

  /** Checks references and rules the edge schema cannot (one channel, inside a write's transaction). */
  async function build(actor: User, input: SupplyChannelInput, id: string, tx: Store): Promise<SupplyChannel> {
    await districtRef(tx, actor, input.districtId, 'body.districtId');
    assertCanWriteDistrict(actor, input.districtId, 'body.districtId');
    const ch: SupplyChannel = {
      id, districtId: input.districtId, name: input.name, nameEn: input.nameEn ?? '', kind: input.kind,
      zoneIds: [...new Set(input.zoneIds)], capacity: input.capacity, opensAt: input.opensAt, closesAt: input.closesAt,
      tiers: input.tiers ?? [], activeFrom: input.activeFrom, activeUntil: input.activeUntil ?? null, note: input.note ?? '',
    };
    const problem = channelProblem(ch);
    if (problem) throw invalid(problem[0], problem[1]);
    // Unknown and foreign zones get the same answer, so the reply does not reveal other districts' zones.
    const own = new Set((await tx.zones.list({ districtId: ch.districtId })).map((z) => z.id));
    input.zoneIds.forEach((zoneId, i) => {
      if (!own.has(zoneId)) throw invalid(`body.zoneIds.${i}`, `"${zoneId}" is not a zone of district "${ch.districtId}"`);
    });
    const commodities = new Set((await tx.commodities.list()).map((c) => c.id));
    for (const c of Object.keys(ch.capacity)) if (!commodities.has(c)) throw invalid(`body.capacity.${c}`, `unknown commodity "${c}"`);
    ch.tiers.forEach((tier, i) => {
      if (!isKnownTier(tier, tierRules)) throw invalid(`body.tiers.${i}`, `unknown tier "${tier}"`);
    });
    return ch;
  }

  const crud = createCrudService<SupplyChannel, SupplyChannelInput>(store, now, {
    entity: 'supply_channel',
    repo: (s) => s.supplyChannels,
    canRead: (actor, ch) => canReadDistrict(actor, ch.districtId),
    districtOf: (ch) => ch.districtId,
    build,
  });

  const householdStock = async (tx: Store = store): Promise<Record<string, number>> => {
    const ids = (await tx.commodities.list()).map((c) => c.id);
    const stored = await tx.householdStock.get();
    return Object.fromEntries(ids.map((c) => [c, stored[c] ?? DEFAULT_HOUSEHOLD_STOCK_DAYS[c] ?? 0]));
  };

  return {
    ...crud,
    householdStock: () => householdStock(),
    setHouseholdStock: (actor: User, days: Record<string, number>) => writeAudited(store, actor, now, async (tx) => {
      const known = new Set((await tx.commodities.list()).map((c) => c.id));
      for (const c of Object.keys(days)) if (!known.has(c)) throw invalid(`body.days.${c}`, `unknown commodity "${c}"`);
      await tx.householdStock.set(days);
      return { result: await householdStock(tx), audit: { action: 'household_stock.update', entity: 'household_stock', entityId: null, detail: days } };
    }),
    /**
     * Channels from CSV rows (server/services/supply/channel-csv.ts), all or nothing: every row gets the checks a
     * single write gets, a refusal naming `body.row <line>.<field>`; an existing id is replaced.
     */
    importRows: (actor: User, rows: readonly ChannelCsvRow[]) => writeAudited(store, actor, now, async (tx) => {
      const counts: ImportResult = { created: 0, updated: 0 };
      for (const { line, input } of rows) {
        const at = `body.row ${line}`;
        try {
          const id = input.id!;
          const before = await tx.supplyChannels.get(id);
          if (before) {
            if (!canReadDistrict(actor, before.districtId)) throw new AppError('CONFLICT', `body.id: supply_channel "${id}" already exists`, 'body.id');
            assertCanWriteDistrict(actor, before.districtId, 'body.districtId');
          }
          await tx.supplyChannels.upsert(await build(actor, input, id, tx));
          counts[before ? 'updated' : 'created'] += 1;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const field = (err.field ?? 'body').replace(/^body/, at);
          throw new AppError(err.code, `${field}: ${err.message.replace(/^[^:]*: /, '')}`, field);
        }
      }
      return { result: counts, audit: { action: 'supply_channel.import', entity: 'supply_channel', entityId: null, detail: { rows: rows.length } } };
    }),
    list: (actor: User, districtId?: string) => store.supplyChannels.list({ districtId: listDistrict(actor, districtId) }),
  };
}
