import type { Knex } from 'knex';
import type { Store } from '../services/ports';
import { createAuditRepo } from './audit-repo';
import { createCodec, type Codec } from './codec';
import { createCommodityRepo } from './commodity-repo';
import { databaseKind } from './db';
import { createDepotRepo } from './depot-repo';
import { createDistrictRepo, createStreetRepo } from './district-repo';
import { createPlanRepo } from './plan-repo';
import { createRequestRepo } from './request-repo';
import { createAlertRepo } from './alert-repo';
import { createDisinfectionRepo, createPassRepo } from './pass-repo';
import { createSessionRepo } from './session-repo';
import { createStaffRepo } from './staff-repo';
import { assertOutsideTransaction, inTransaction, outsideTransactionsOnly } from './transaction-guard';
import { createUserRepo } from './user-repo';
import { createVehicleRepo } from './vehicle-repo';
import { createVehicleAvailabilityRepo } from './vehicle-availability-repo';
import { createHandoffPointRepo, createZoneRepo } from './zone-repo';
import { createDeliveryRepo } from './delivery-repo';
import { createTrackRepo } from './track-repo';
import { createPlaybookRepo } from './playbook-repo';
import { createHouseholdStockRepo, createSupplyChannelRepo } from './supply-channel-repo';
import { createSupplierRepo } from './supplier-repo';

type Repositories = Omit<Store, 'kind' | 'transaction' | 'close'>;

/** The Store port over a knex database (SQLite or PostgreSQL); close() destroys the pool. */
export function createStore(db: Knex): Store {
  const codec = createCodec(db, databaseKind(db));
  const repos = repositories(db, codec);
  return {
    kind: codec.kind,
    // Only SQLite would hang on the mistake (one connection); on PostgreSQL it works, just outside the transaction.
    ...(codec.kind === 'sqlite' ? guardAll(repos) : repos),
    transaction: async (fn) => {
      if (codec.kind === 'sqlite') assertOutsideTransaction('store.transaction()');
      return db.transaction((trx) => inTransaction(() => fn(transactionStore(trx, codec))));
    },
    close: () => db.destroy(),
  };
}

function transactionStore(trx: Knex.Transaction, codec: Codec): Store {
  return {
    kind: codec.kind,
    ...repositories(trx, codec),
    // A nested transaction becomes a savepoint: its failure undoes only its own writes.
    transaction: (fn) => trx.transaction((inner) => fn(transactionStore(inner, codec))),
    close: () => Promise.reject(new Error('close() the store, not a transaction')),
  };
}

function repositories(db: Knex, codec: Codec): Repositories {
  return {
    districts: createDistrictRepo(db, codec),
    streets: createStreetRepo(db, codec),
    zones: createZoneRepo(db, codec),
    handoffPoints: createHandoffPointRepo(db, codec),
    commodities: createCommodityRepo(db, codec),
    depots: createDepotRepo(db, codec),
    vehicles: createVehicleRepo(db, codec),
    vehicleAvailability: createVehicleAvailabilityRepo(db),
    staff: createStaffRepo(db, codec),
    users: createUserRepo(db, codec),
    sessions: createSessionRepo(db),
    audit: createAuditRepo(db, codec),
    plans: createPlanRepo(db, codec),
    requests: createRequestRepo(db),
    alerts: createAlertRepo(db),
    passes: createPassRepo(db, codec),
    disinfections: createDisinfectionRepo(db),
    deliveries: createDeliveryRepo(db, codec),
    tracks: createTrackRepo(db),
    playbook: createPlaybookRepo(db, codec),
    supplyChannels: createSupplyChannelRepo(db, codec),
    householdStock: createHouseholdStockRepo(db),
    suppliers: createSupplierRepo(db, codec),
  };
}

function guardAll(repos: Repositories): Repositories {
  const guarded = {} as Record<string, object>;
  for (const [name, repo] of Object.entries(repos)) guarded[name] = outsideTransactionsOnly(name, repo);
  return guarded as unknown as Repositories;
}
