// The Teams tab: ask Teams for the SSO token, hand it to the service, then show the overview.
(function () {
  "use strict";
  function failed() {
    document.getElementById("teams-wait").classList.add("hidden");
    document.getElementById("teams-failed").classList.remove("hidden");
  }
  if (!window.microsoftTeams) { failed(); return; }
  window.microsoftTeams.app.initialize()
    .then(function () { return window.microsoftTeams.authentication.getAuthToken(); })
    .then(function (token) {
      return fetch("/overzicht/teams/sessie", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Authorization": "Bearer " + token }
      });
    })
    .then(function (answer) {
      if (answer.status === 204) { window.location.replace("/overzicht"); } else { failed(); }
    })
    .catch(failed);
})();
