// The shop's own button opens the chat through the page API (works before and after clavard.js loads).
document.getElementById('ask').addEventListener('click', () => {
  window.Clavard.open();
});
