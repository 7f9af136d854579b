/** Password of the driver logins the replay's own server creates (`replay-<vehicleId>`), never a real one. */
export const REPLAY_DRIVER_PASSWORD = 'replay-driver';
