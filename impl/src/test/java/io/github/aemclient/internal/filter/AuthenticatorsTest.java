package io.github.aemclient.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aemclient.AccessToken;
import io.github.aemclient.AccessTokenProvider;
import io.github.aemclient.AemClientException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the authenticators show of themselves (never a secret), and what they refuse. */
class AuthenticatorsTest {

    @Test
    void aBasicUsernameCannotHoldAColonAnywhere() {
        assertThatThrownBy(() -> new BasicAuthenticator(":admin", "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A basic-auth username cannot contain ':'");
        assertThatThrownBy(() -> new BasicAuthenticator("ad:min", "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFilterShowsItsOriginAndAuthenticatorButNoSecret() {
        AemAuthenticationFilter basic = new AemAuthenticationFilter(Origin.of(URI.create("http://localhost:4502")),
                new BasicAuthenticator("admin", "s3cret-pw"));

        assertThat(basic).hasToString("AemAuthenticationFilter[origin=http://localhost:4502,"
                + " BasicAuthenticator[username=admin, password=<redacted>]]");
    }

    @Test
    void theBearerAuthenticatorShowsItsProviderNotItsToken() {
        AccessToken token = new AccessToken("eyJ-secret-token", Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
        AccessTokenProvider provider = new AccessTokenProvider() {
            @Override
            public AccessToken getAccessToken() {
                return token;
            }

            @Override
            public void invalidate(AccessToken rejected) {
            }

            @Override
            public String toString() {
                return "TheProvider";
            }
        };

        assertThat(new BearerTokenAuthenticator(provider)).hasToString("BearerTokenAuthenticator[TheProvider]");
    }

    /**
     * What a 401 does to the bearer token: drops the one the request carried and, when the caller would send
     * the request again, tells whether a new one is here.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRejectedBearerTokenIsDroppedAndANewOneAnnouncedWhenWanted(boolean replacementWanted) {
        Tokens tokens = new Tokens();
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
        MultivaluedMap<String, Object> headers = sentBy(bearer);
        AccessToken first = tokens.current;

        tokens.current = token("second");

        assertThat(bearer.rejected(request(headers), replacementWanted)).isEqualTo(replacementWanted);
        assertThat(tokens.invalidated).containsExactly(first);
    }

    @Test
    void theSameTokenAgainIsNoReplacement() {
        Tokens tokens = new Tokens();
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
        MultivaluedMap<String, Object> headers = sentBy(bearer);

        assertThat(bearer.rejected(request(headers), true)).isFalse();
    }

    @Test
    void noTokenToBeHadIsNoReplacementAndNoException() {
        Tokens tokens = new Tokens();
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
        MultivaluedMap<String, Object> headers = sentBy(bearer);
        tokens.failure = new AemClientException("IMS is down");

        assertThat(bearer.rejected(request(headers), true)).isFalse();
    }

    /** A request the application sent without the library's header (another origin, say) drops nothing. */
    @Test
    void aRequestThatCarriedNoTokenDropsNothing() {
        Tokens tokens = new Tokens();
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
        bearer.authenticate(request(new MultivaluedHashMap<>()));

        assertThat(bearer.rejected(request(new MultivaluedHashMap<>()), true)).isFalse();
        assertThat(tokens.invalidated).isEmpty();
    }

    @Test
    void theApiKeyFollowsTheBearerTokensAnswerAndShowsTheClientId() {
        Tokens tokens = new Tokens();
        ApiKeyAuthenticator withKey = new ApiKeyAuthenticator(new BearerTokenAuthenticator(tokens), "client-id-1");
        MultivaluedMap<String, Object> headers = sentBy(withKey);

        assertThat(headers.getFirst("X-Api-Key")).isEqualTo("client-id-1");
        assertThat(withKey.rejected(request(headers), true)).as("same token: no replacement").isFalse();
        tokens.current = token("second");
        assertThat(withKey.rejected(request(headers), true)).as("new token").isTrue();
        assertThat(withKey).hasToString("ApiKeyAuthenticator[BearerTokenAuthenticator[Tokens], apiKey=client-id-1]");
    }

    /** Basic credentials and anonymous calls have nothing to renew: a 401 is the caller's. */
    @Test
    void authenticatorsWithNothingToRenewNeverAnnounceAReplacement() {
        BasicAuthenticator basic = new BasicAuthenticator("admin", "pw");
        MultivaluedMap<String, Object> headers = sentBy(basic);

        assertThat(basic.rejected(request(headers), true)).isFalse();
        assertThat(RequestAuthenticator.NONE.rejected(request(new MultivaluedHashMap<>()), true)).isFalse();
    }

    /**
     * What a request a later filter sent elsewhere loses: exactly the value the authenticator put on it (also
     * after renewals since, or copied back by a filter, or joined into one value with others), and nothing
     * else.
     */
    @Test
    void theBearerHeaderPutIsWithdrawnAndNoOtherValue() {
        Tokens tokens = new Tokens();
        BearerTokenAuthenticator bearer = new BearerTokenAuthenticator(tokens);
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        Object put = bearer.authenticate(request(headers));
        assertThat(put).isEqualTo("Bearer first");
        for (String later : List.of("second", "third")) {
            tokens.current = token(later);
            sentBy(bearer);
        }
        headers.add(HttpHeaders.AUTHORIZATION, "Gateway g-1");
        headers.add("X-Trace", "t-1");

        assertThat(bearer.withdraw(request(headers), put)).as("two renewals later").isTrue();
        assertThat(headers).containsOnlyKeys(HttpHeaders.AUTHORIZATION, "X-Trace");
        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).containsExactly("Gateway g-1");
        assertThat(bearer.withdraw(request(headers), put)).as("already gone").isFalse();

        MultivaluedMap<String, Object> joined = new MultivaluedHashMap<>();
        joined.putSingle(HttpHeaders.AUTHORIZATION, "Bearer first, Gateway g-1");
        assertThat(bearer.withdraw(request(joined), put)).as("joined with another value").isTrue();
        assertThat(joined).isEmpty();

        MultivaluedMap<String, Object> theirs = new MultivaluedHashMap<>();
        theirs.putSingle(HttpHeaders.AUTHORIZATION, "Bearer the-other-hosts-own");
        assertThat(bearer.withdraw(request(theirs), put)).as("a value the application put instead").isFalse();
        assertThat(theirs.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer the-other-hosts-own");
        assertThat(bearer.withdraw(request(new MultivaluedHashMap<>()), put)).as("nothing there").isFalse();
    }

    @Test
    void basicCredentialsAndTheApiKeyAreWithdrawnAsPut() {
        BasicAuthenticator basic = new BasicAuthenticator("admin", "pw");
        MultivaluedMap<String, Object> sent = new MultivaluedHashMap<>();
        Object put = basic.authenticate(request(sent));
        assertThat(basic.withdraw(request(sent), put)).isTrue();
        assertThat(sent).isEmpty();

        ApiKeyAuthenticator withKey = new ApiKeyAuthenticator(new BearerTokenAuthenticator(new Tokens()), "client-id-1");
        MultivaluedMap<String, Object> keyed = new MultivaluedHashMap<>();
        Object token = withKey.authenticate(request(keyed));
        assertThat(token).as("the Authorization value").isEqualTo("Bearer first");
        assertThat(withKey.withdraw(request(keyed), token)).isTrue();
        assertThat(keyed).isEmpty();
        MultivaluedMap<String, Object> keyOnly = new MultivaluedHashMap<>();
        keyOnly.putSingle("X-Api-Key", "client-id-1");
        assertThat(withKey.withdraw(request(keyOnly), token)).as("the key alone is still taken").isTrue();
        assertThat(keyOnly).isEmpty();
        MultivaluedMap<String, Object> otherKey = new MultivaluedHashMap<>();
        otherKey.putSingle("X-Api-Key", "another-client");
        assertThat(withKey.withdraw(request(otherKey), token)).isFalse();
        assertThat(otherKey).containsKey("X-Api-Key");

        assertThat(RequestAuthenticator.NONE.authenticate(request(new MultivaluedHashMap<>()))).isNull();
        assertThat(RequestAuthenticator.NONE.withdraw(request(new MultivaluedHashMap<>()), null)).isFalse();
    }

    /** The headers of a request the authenticator has authenticated. */
    private static MultivaluedMap<String, Object> sentBy(RequestAuthenticator authenticator) {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        authenticator.authenticate(request(headers));
        return headers;
    }

    private static AccessToken token(String value) {
        return new AccessToken(value, Instant.EPOCH, Instant.EPOCH.plusSeconds(3600));
    }

    private static final class Tokens implements AccessTokenProvider {
        AccessToken current = token("first");
        AemClientException failure;
        final List<AccessToken> invalidated = new ArrayList<>();

        @Override
        public AccessToken getAccessToken() {
            if (failure != null) {
                throw failure;
            }
            return current;
        }

        @Override
        public void invalidate(AccessToken token) {
            invalidated.add(token);
        }

        @Override
        public String toString() {
            return "Tokens";
        }
    }

    /** A request context with headers only; anything else it is asked is a test failure. */
    private static ClientRequestContext request(MultivaluedMap<String, Object> headers) {
        return (ClientRequestContext) Proxy.newProxyInstance(AuthenticatorsTest.class.getClassLoader(),
                new Class<?>[] {ClientRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    case "getHeaderString" -> {
                        List<Object> values = headers.get((String) args[0]);
                        yield values == null ? null : String.join(",", values.stream().map(String::valueOf).toList());
                    }
                    default -> throw new AssertionError("not expected: " + m);
                });
    }
}
