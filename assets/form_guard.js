// Until the page is hydrated, the browser would send a portal form by itself: the forms have
// no action, so the page would load again with every field in its address (a password too,
// into the history, a proxy's log and the next page's Referer) and the typed input would be
// gone. Once hydrated, Reflex's submit handler prevents that default and sends the form over
// the websocket; this prevents it before as well (and changes nothing after: Reflex's handler
// runs all the same). A form the browser is to send itself says so with an action (the
// accountant's export on /admin/bank).
document.addEventListener("submit", function (event) {
  if (!event.target.hasAttribute("action")) {
    event.preventDefault();
  }
}, true);
