package dev.macula.infra.security;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.identity.UserView;
import io.jsonwebtoken.Claims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resolves the caller as the original's {@code get_current_user} does (docs/api.md §2.4): a
 * {@code Bearer} header first — an invalid one is an immediate 401 "Unauthorized", a valid
 * non-access token is ignored — then the {@code jwt_token} cookie, whose errors are ignored.
 * Unlike the original, the token's user is looked up on every request (from memory, kept current by
 * AuthenticatedUsers), so changed roles take effect at once (docs/api.md §9.2 item 5). Whether a path needs a user is the security configuration's call.
 *
 * <p>The two file routes ({@code /api/instances/images/…}, {@code /api/instances/thumbnails/…})
 * follow the original's {@code is_authenticated} instead (docs/api.md §2.5): invalid or expired credentials,
 * in the header <em>or</em> in the cookie, are an immediate 401 "Invalid token". Missing
 * credentials still end as 401 "Authentication required" (the docs/api.md §9.2 item 1 fix).
 */
public class AccessTokenFilter extends OncePerRequestFilter {

    public static final String ACCESS_COOKIE = "jwt_token";
    private static final String BEARER = "Bearer ";
    private static final String INVALID_FILE_TOKEN = "Invalid token";
    private static final List<String> FILE_ROUTES = List.of("/api/instances/images", "/api/instances/thumbnails");

    private final JwtService jwt;
    private final AuthenticatedUsers users;
    private final Predicate<HttpServletRequest> publicPath;
    private final Supplier<UserView> publicAuthAdmin;

    public AccessTokenFilter(JwtService jwt, AuthenticatedUsers users, Predicate<HttpServletRequest> publicPath,
                             Supplier<UserView> publicAuthAdmin) {
        this.jwt = jwt;
        this.users = users;
        this.publicPath = publicPath;
        this.publicAuthAdmin = publicAuthAdmin;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            authenticateAndContinue(request, response, chain);
        } catch (RuntimeException e) {
            // loading the user needs PostgreSQL; without it the answer is 503, as for any other request
            if (!dev.macula.infra.web.DatabaseFailures.unavailable(e) || response.isCommitted()) {
                throw e;
            }
            response.setHeader("Retry-After", "5");
            JsonErrors.write(response, 503, dev.macula.infra.web.DatabaseFailures.DETAIL);
        }
    }

    private void authenticateAndContinue(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserView admin = publicAuthAdmin == null ? null : publicAuthAdmin.get();
        CurrentUser user = admin == null ? null : new CurrentUser(admin.id(), admin.username(), admin.role());
        boolean fileRoute = user == null && isFileRoute(request);
        String header = request.getHeader("Authorization");
        if (user == null && header != null && header.startsWith(BEARER)) {
            Claims claims = jwt.decode(header.substring(BEARER.length()));
            if (JwtService.isType(claims, "access")) {
                user = load(claims);
            }
            if (claims == null || (JwtService.isType(claims, "access") && user == null)) {
                if (fileRoute) {
                    JsonErrors.write(response, 401, INVALID_FILE_TOKEN);
                    return;
                }
                if (!publicPath.test(request)) {
                    JsonErrors.write(response, 401, "Unauthorized");
                    return;
                }
            }
        }
        if (user == null) {
            String token = cookie(request, ACCESS_COOKIE);
            Claims claims = jwt.decode(token);
            if (JwtService.isType(claims, "access")) {
                user = load(claims);
            }
            if (fileRoute && token != null && !token.isEmpty()
                    && (claims == null || (JwtService.isType(claims, "access") && user == null))) {
                JsonErrors.write(response, 401, INVALID_FILE_TOKEN);
                return;
            }
        }
        if (user != null) {
            authenticate(request, user);
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the request is for one of the file routes, judged on the raw URI and on the decoded
     * servlet path alike, so an encoded spelling of the prefix does not change the answer.
     */
    static boolean isFileRoute(HttpServletRequest request) {
        String raw = request.getRequestURI();
        String context = request.getContextPath();
        if (raw != null && context != null && !context.isEmpty() && raw.startsWith(context)) {
            raw = raw.substring(context.length());
        }
        String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return underFileRoute(raw) || underFileRoute(decoded);
    }

    private static boolean underFileRoute(String path) {
        if (path == null) {
            return false;
        }
        for (String route : FILE_ROUTES) {
            if (path.equals(route) || path.startsWith(route + "/")) {
                return true;
            }
        }
        return false;
    }

    private CurrentUser load(Claims claims) {
        Long id = JwtService.userId(claims);
        if (id == null || id <= 0) {
            return null;
        }
        return users.find(id);
    }

    private static void authenticate(HttpServletRequest request, CurrentUser current) {
        request.setAttribute(CurrentUser.ATTRIBUTE, current);
        List<SimpleGrantedAuthority> authorities = current.isAdmin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(current, null, authorities));
    }

    /** The value of the named cookie, or null. */
    public static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
