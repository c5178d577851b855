// A stand-in for the UiTPAS API at the fetch boundary, for benchmarks only: it answers the kiosk-device
// calls instantly so the soak measures the kiosk's own memory and time, not a network or the sandbox.
export function kioskApiStub(): (request: Request) => Promise<Response> {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  let total = 0;
  const event = { checkinPoints: 1, event: { id: 'evt-soak', title: 'Soak' }, checkinCode: 'c0de' };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/kiosk-devices/setup')
      return json(200, {
        id: '99',
        name: 'Soak',
        deviceId: 'x',
        organizers: [{ id: 'org', name: 'Org' }],
        releaseTrack: 'beta',
      });
    if (pathname === '/kiosk-devices/checkins' && request.method === 'POST')
      return json(200, { newPoints: 1, totalPoints: ++total });
    if (pathname === '/kiosk-devices/checkins' || pathname === '/kiosk-devices/events')
      return json(200, event);
    if (pathname === '/kiosk-devices')
      return json(200, { id: '99', name: 'Soak', deviceId: 'x', organizers: [], releaseTrack: 'beta' });
    if (pathname === '/rewards') return json(200, { totalItems: 0, member: [] });
    return json(404, { type: 'https://api.publiq.be/probs/url/not-found', title: 'Not found', status: 404 });
  };
}
