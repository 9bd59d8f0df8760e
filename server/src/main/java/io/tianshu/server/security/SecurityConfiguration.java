package io.tianshu.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tianshu.server.api.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Everything needs an authenticated user except the login call, the login page
 * with the static files of the single-page app, and the liveness health check. Browsers use a
 * session cookie with a CSRF token in a cookie (double submit); scripts may use HTTP Basic, which
 * never prompts a browser because no {@code WWW-Authenticate} challenge is sent.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

  /** Roles that may read identified patient records. Researchers get de-identified views. */
  static final String[] PATIENT_READERS = {
    Role.ADMIN.name(),
    Role.DATA_STEWARD.name(),
    Role.CLINICIAN.name(),
    Role.RESEARCHER.name(),
    Role.QUALITY_OFFICER.name()
  };

  /** Roles that work with VTE assessments, ward lists, alerts and metrics. */
  static final String[] VTE_USERS = {
    Role.ADMIN.name(), Role.CLINICIAN.name(), Role.QUALITY_OFFICER.name()
  };

  @Bean
  SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
    RequestMatcher apiRequests = new AntPathRequestMatcher("/api/**");
    http.authorizeHttpRequests(
            auth ->
                auth.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/auth/login")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET,
                        "/login",
                        "/index.html",
                        "/assets/**",
                        "/favicon.svg",
                        "/favicon.ico")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET, "/actuator/health", "/actuator/health/liveness")
                    .permitAll()
                    .requestMatchers("/actuator/**", "/api/admin/**", "/api/audit/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/patients/**")
                    .hasAnyRole(PATIENT_READERS)
                    // Document search shows note text: patient readers; rebuilding it is data work.
                    .requestMatchers(HttpMethod.POST, "/api/search/reindex")
                    .hasAnyRole(Role.ADMIN.name(), Role.DATA_STEWARD.name())
                    .requestMatchers("/api/search/**")
                    .hasAnyRole(PATIENT_READERS)
                    // Quarantined HL7 payloads are raw patient data; replay changes the CDR.
                    .requestMatchers("/api/ingest/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.DATA_STEWARD.name())
                    // VTE work names patients in hospital: clinical and quality roles only.
                    .requestMatchers("/api/vte/**", "/cds-services", "/cds-services/**")
                    .hasAnyRole(VTE_USERS)
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint(json, apiRequests)))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(entryPoint(json, apiRequests))
                    .accessDeniedHandler(
                        (request, response, denied) ->
                            Problems.write(
                                response,
                                json,
                                Problems.FORBIDDEN,
                                "Your role does not allow "
                                    + request.getMethod()
                                    + " "
                                    + request.getRequestURI()
                                    + ".")))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    // Scripts that authenticate per request with HTTP Basic carry no ambient cookie
                    // to abuse.
                    .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
        .addFilterAfter(
            new CsrfCookieFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
        .securityContext(ctx -> ctx.securityContextRepository(securityContextRepository()))
        .logout(logout -> logout.disable())
        .formLogin(form -> form.disable())
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                    + "script-src 'self'; frame-ancestors 'none'"))
                    .frameOptions(frame -> frame.deny()));
    return http.build();
  }

  private static AuthenticationEntryPoint entryPoint(
      ObjectMapper json, RequestMatcher apiRequests) {
    LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> byPath = new LinkedHashMap<>();
    AuthenticationEntryPoint problem =
        (request, response, e) ->
            Problems.write(
                response,
                json,
                Problems.UNAUTHENTICATED,
                "Log in to use " + request.getRequestURI() + ".");
    byPath.put(apiRequests, problem);
    byPath.put(new AntPathRequestMatcher("/actuator/**"), problem);
    DelegatingAuthenticationEntryPoint delegating = new DelegatingAuthenticationEntryPoint(byPath);
    delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
    return delegating;
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt by default, with the algorithm id stored in the hash so that it can be upgraded later.
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AuthenticationManager authenticationManager(AccountService accounts, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
    provider.setPasswordEncoder(encoder);
    return new ProviderManager(provider);
  }

  /**
   * Loads the deferred CSRF token on every request so that the XSRF-TOKEN cookie is always present.
   */
  private static final class CsrfCookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
