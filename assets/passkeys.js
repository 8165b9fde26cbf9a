// Passkeys in the browser: a click on a button with data-passkey="register" or "sign-in"
// fetches the options (with a new single-use challenge) from the server, asks
// navigator.credentials, and submits the button's form with the answer as JSON (base64url) in
// its hidden "credential" field; the State's handler checks it with py_webauthn. No eval, so
// the Content-Security-Policy needs nothing more.
(function () {
  "use strict";
  var OPTIONS = {
    register: "/_passkeys/registration-options",
    "sign-in": "/_passkeys/sign-in-options",
  };

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    base64 += "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer), binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function asJSON(credential) {
    var response = credential.response;
    var out = { clientDataJSON: toText(response.clientDataJSON) };
    if (response.attestationObject) {
      out.attestationObject = toText(response.attestationObject);
      out.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.authenticatorData = toText(response.authenticatorData);
      out.signature = toText(response.signature);
      out.userHandle = response.userHandle ? toText(response.userHandle) : null;
    }
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: out,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || null,
    };
  }

  async function ask(kind) {
    var answer = await fetch(OPTIONS[kind], { method: "POST", credentials: "same-origin" });
    if (!answer.ok) throw new Error("options " + answer.status);
    var options = await answer.json();
    options.challenge = toBytes(options.challenge);
    if (kind === "register") {
      options.user.id = toBytes(options.user.id);
      (options.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
      return navigator.credentials.create({ publicKey: options });
    }
    (options.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
    return navigator.credentials.get({ publicKey: options });
  }

  document.addEventListener("click", async function (event) {
    var button = event.target.closest && event.target.closest("button[data-passkey]");
    if (!button) return;
    event.preventDefault();
    var form = button.closest("form");
    if (!form || !form.reportValidity()) return;
    var field = form.querySelector("input[name=credential]");
    try {
      field.value = JSON.stringify(asJSON(await ask(button.dataset.passkey)));
    } catch (error) {
      field.value = JSON.stringify({ error: (error && error.name) || "Error" });
    }
    form.requestSubmit();
  });
  // The buttons take clicks from now on (assets/contrast.css holds them back until then).
  document.documentElement.setAttribute("data-passkeys", "ready");
})();
