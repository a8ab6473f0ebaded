// swagger-ui over the service's OpenAPI document; "Try it out" calls carry the console's token.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/openapi?format=json',
    dom_id: '#swagger-ui',
    deepLinking: false,
    requestInterceptor: (request) => {
      const token = sessionStorage.getItem('coze-timer-token');
      const toApi = new URL(request.url, location.href).pathname.startsWith('/api/');
      if (token && toApi && !request.headers.Authorization) request.headers.Authorization = `Bearer ${token}`;
      return request;
    },
  });
});
