package dev.macula.infra.security;

import dev.macula.api.common.CurrentUser;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserView;
import io.jsonwebtoken.Claims;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Resolves the caller as the original's {@code get_current_user} does (contract §2.4): a
 * {@code Bearer} header first — an invalid one is an immediate 401 "Unauthorized", a valid
 * non-access token is ignored — then the {@code jwt_token} cookie, whose errors are ignored.
 * Unlike the original, the user is loaded on every request, so deleted users and changed roles
 * take effect at once (§9.2 item 5). Whether a path needs a user is the security configuration's call.
 */
public class AccessTokenFilter extends OncePerRequestFilter {

    public static final String ACCESS_COOKIE = "jwt_token";
    private static final String BEARER = "Bearer ";

    private final JwtService jwt;
    private final QueryGateway queries;
    private final Predicate<HttpServletRequest> publicPath;
    private final Supplier<UserView> publicAuthAdmin;

    public AccessTokenFilter(JwtService jwt, QueryGateway queries, Predicate<HttpServletRequest> publicPath,
                             Supplier<UserView> publicAuthAdmin) {
        this.jwt = jwt;
        this.queries = queries;
        this.publicPath = publicPath;
        this.publicAuthAdmin = publicAuthAdmin;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserView user = publicAuthAdmin == null ? null : publicAuthAdmin.get();
        String header = request.getHeader("Authorization");
        if (user == null && header != null && header.startsWith(BEARER)) {
            Claims claims = jwt.decode(header.substring(BEARER.length()));
            if (JwtService.isType(claims, "access")) {
                user = load(claims);
            }
            if ((claims == null || (JwtService.isType(claims, "access") && user == null))
                    && !publicPath.test(request)) {
                JsonErrors.write(response, 401, "Unauthorized");
                return;
            }
        }
        if (user == null) {
            Claims claims = jwt.decode(cookie(request, ACCESS_COOKIE));
            if (JwtService.isType(claims, "access")) {
                user = load(claims);
            }
        }
        if (user != null) {
            authenticate(request, user);
        }
        chain.doFilter(request, response);
    }

    private UserView load(Claims claims) {
        Long id = JwtService.userId(claims);
        if (id == null || id <= 0) {
            return null;
        }
        return queries.query(new FindUserQuery(UserId.of(id)), ResponseTypes.instanceOf(UserView.class)).join();
    }

    private static void authenticate(HttpServletRequest request, UserView user) {
        CurrentUser current = new CurrentUser(user.id(), user.username(), user.role());
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
