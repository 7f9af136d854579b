import type { Knex } from 'knex';
import type { Store } from '../services/ports';
import { createAuditRepo } from './audit-repo';
import { createCodec, type Codec } from './codec';
import { createCommodityRepo } from './commodity-repo';
import { databaseKind } from './db';
import { createDepotRepo } from './depot-repo';
import { createDistrictRepo, createStreetRepo } from './district-repo';
import { createSessionRepo } from './session-repo';
import { createStaffRepo } from './staff-repo';
import { createUserRepo } from './user-repo';
import { createVehicleRepo } from './vehicle-repo';
import { createHandoffPointRepo, createZoneRepo } from './zone-repo';

/** The Store port over a knex database (SQLite or PostgreSQL); close() destroys the pool. */
export function createStore(db: Knex): Store {
  const codec = createCodec(db, databaseKind(db));
  return {
    ...repositories(db, codec),
    transaction: (fn) => db.transaction((trx) => fn(transactionStore(trx, codec))),
    close: () => db.destroy(),
  };
}

function transactionStore(trx: Knex.Transaction, codec: Codec): Store {
  return {
    ...repositories(trx, codec),
    // A nested transaction becomes a savepoint: its failure undoes only its own writes.
    transaction: (fn) => trx.transaction((inner) => fn(transactionStore(inner, codec))),
    close: () => Promise.reject(new Error('close() the store, not a transaction')),
  };
}

function repositories(db: Knex, codec: Codec): Omit<Store, 'transaction' | 'close'> {
  return {
    kind: codec.kind,
    districts: createDistrictRepo(db, codec),
    streets: createStreetRepo(db, codec),
    zones: createZoneRepo(db, codec),
    handoffPoints: createHandoffPointRepo(db, codec),
    commodities: createCommodityRepo(db, codec),
    depots: createDepotRepo(db, codec),
    vehicles: createVehicleRepo(db, codec),
    staff: createStaffRepo(db, codec),
    users: createUserRepo(db, codec),
    sessions: createSessionRepo(db),
    audit: createAuditRepo(db, codec),
  };
}
