// The snippet from packages/widget/README.md: window.Clavard records calls until clavard.js loads, which
// then replays them in order. Then this site's own calls.
window.Clavard =
  window.Clavard ||
  ((q) => {
    function queue(name) {
      return (...args) => {
        q.push([name, ...args]);
      };
    }
    return {
      q: q,
      open: queue('open'),
      close: queue('close'),
      toggle: queue('toggle'),
      send: queue('send'),
      on: queue('on'),
      identify: queue('identify'),
      shutdown: queue('shutdown'),
      forget: queue('forget'),
    };
  })([]);

window.Clavard.on('agent.joined', (event) => {
  document.title = `Chatting with ${event.agent.firstName} · Fibre Nord`;
});
window.Clavard.on('error', (error) => {
  // A site would send this to its own monitoring; the demo shows it in the console.
  console.warn('Clavard:', error.code, error.message);
});
