// Starts Swagger UI on /docs from the app's OpenAPI document (a file: the CSP forbids inline scripts).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
