// Where pcscd listens, and whether it is really there.
import { connect } from 'node:net';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

/** pcscd accepts connections on its socket (a leftover socket file of a killed pcscd does not). */
export function pcscdReachable(path = PCSCD_SOCKET): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
