package io.tianshu.server.security;

import io.tianshu.server.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Login, logout and "who am I" for the workbench. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

  private static final Logger log = LoggerFactory.getLogger(AuthController.class);

  private final AuthenticationManager authenticationManager;
  private final SecurityContextRepository contextRepository;
  private final AccountService accounts;

  AuthController(
      AuthenticationManager authenticationManager,
      SecurityContextRepository contextRepository,
      AccountService accounts) {
    this.authenticationManager = authenticationManager;
    this.contextRepository = contextRepository;
    this.accounts = accounts;
  }

  record LoginRequest(String username, String password) {}

  @PostMapping("/login")
  ResponseEntity<?> login(
      @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
    Authentication authentication;
    try {
      authentication =
          authenticationManager.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(
                  body.username(), body.password()));
    } catch (AuthenticationException e) {
      log.info("Failed login for '{}': {}", body.username(), e.getClass().getSimpleName());
      ProblemDetail problem = Problems.of(Problems.UNAUTHENTICATED, "Wrong username or password.");
      return ResponseEntity.status(401).body(problem);
    }
    // A new session id on login defeats session fixation.
    HttpSession existing = request.getSession(false);
    if (existing != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contextRepository.saveContext(context, request, response);
    log.info("User '{}' logged in", authentication.getName());
    return ResponseEntity.ok(accounts.view(authentication.getName()));
  }

  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/me")
  UserView me(Principal principal) {
    return accounts.view(principal.getName());
  }
}
