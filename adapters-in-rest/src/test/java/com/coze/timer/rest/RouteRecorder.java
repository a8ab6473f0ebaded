package com.coze.timer.rest;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The routes a piece of routing code registers, read by handing it a recording stand-in for
 * Helidon's {@link HttpRouting.Builder}: {@code get("/x", handler)} is recorded as {@code GET /x},
 * {@code register("/base", service)} runs the service's own {@code routing(rules)} under
 * {@code /base}. A way of adding routes the recorder does not understand fails loudly instead of
 * being skipped, so a route can never escape the comparison with the OpenAPI document.
 */
final class RouteRecorder implements InvocationHandler {

    /** A registered route: an HTTP method (or ANY) and a path pattern. */
    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<String> METHOD_SHORTCUTS = List.of("get", "post", "put", "delete", "patch", "head",
            "options", "trace", "any");

    private final String prefix;
    private final List<Route> routes;

    private RouteRecorder(String prefix, List<Route> routes) {
        this.prefix = prefix;
        this.routes = routes;
    }

    /** The routes {@code routing} adds to a builder, in the order it adds them. */
    static List<Route> routesOf(Consumer<HttpRouting.Builder> routing) {
        List<Route> routes = new ArrayList<>();
        routing.accept((HttpRouting.Builder) new RouteRecorder("", routes).stub(HttpRouting.Builder.class));
        return List.copyOf(routes);
    }

    private Object stub(Class<?> type) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, this);
    }

    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
        String name = method.getName();
        Object[] a = args == null ? new Object[0] : args;
        if (METHOD_SHORTCUTS.contains(name)) {
            add(name.toUpperCase(Locale.ROOT), a.length > 0 && a[0] instanceof String path ? path : "");
        } else if (name.equals("route") && a.length == 3 && a[0] instanceof Method m && a[1] instanceof String path) {
            add(m.text(), path);
        } else if (name.equals("register")) {
            register(a);
        } else if (name.equals("error") || name.equals("addFilter")) {
            return proxy; // error handlers and filters add no route
        } else if (method.getDeclaringClass() == Object.class) {
            return name.equals("toString") ? "RouteRecorder" : name.equals("hashCode") ? System.identityHashCode(proxy) : proxy == a[0];
        } else {
            throw new UnsupportedOperationException("RouteRecorder cannot tell which routes " + method + " adds; teach it");
        }
        return proxy;
    }

    private void register(Object[] args) {
        boolean withPath = args.length > 0 && args[0] instanceof String;
        String base = withPath ? join(prefix, (String) args[0]) : prefix;
        RouteRecorder child = new RouteRecorder(base, routes);
        HttpRules rules = (HttpRules) child.stub(HttpRules.class);
        for (int i = withPath ? 1 : 0; i < args.length; i++) {
            services(args[i]).forEach(service -> service.routing(rules));
        }
    }

    private static List<HttpService> services(Object arg) {
        List<HttpService> services = new ArrayList<>();
        if (arg instanceof HttpService[] array) {
            services.addAll(List.of(array));
        } else if (arg instanceof HttpService service) {
            services.add(service);
        } else if (arg instanceof Supplier<?> supplier) {
            services.add((HttpService) supplier.get());
        } else if (arg instanceof List<?> list) {
            list.forEach(element -> services.addAll(services(element)));
        } else {
            throw new UnsupportedOperationException("RouteRecorder cannot read the services in " + arg);
        }
        return services;
    }

    private void add(String method, String path) {
        routes.add(new Route(method, join(prefix, path)));
    }

    private static String join(String base, String path) {
        String joined = (base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
