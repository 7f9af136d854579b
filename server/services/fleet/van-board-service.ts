import type { User, VanBoard } from '../../contract';

/**
 * The van board comes from the live layer, which the composition root builds after the services
 * (it needs the HTTP server): it plugs the board in here, as it plugs the position flush into tracks.
 */
export function createVanBoardService() {
  let source: ((actor: User) => Promise<VanBoard>) | null = null;
  return {
    use(fn: (actor: User) => Promise<VanBoard>) { source = fn; },
    get(actor: User): Promise<VanBoard> {
      if (!source) throw new Error('the live layer is not attached: no van board');
      return source(actor);
    },
  };
}

export type VanBoardService = ReturnType<typeof createVanBoardService>;
