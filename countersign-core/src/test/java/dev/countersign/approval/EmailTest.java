package dev.countersign.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void comparesAsciiAddressesIgnoringCase() {
        // given
        Email mixed = new Email("  Alice.Smith@Example.COM ");

        // then
        assertThat(mixed).isEqualTo(new Email("alice.smith@example.com"));
        assertThat(mixed.value()).isEqualTo("alice.smith@example.com");
    }

    @Test
    void lowerCasesTheDottedCapitalIAsAnAsciiI() {
        // Locale.ROOT: 'I' becomes 'i', never the dotless 'ı' of a Turkish default locale.
        assertThat(new Email("IVAN@EXAMPLE.COM").value()).isEqualTo("ivan@example.com");
    }

    @Test
    void refusesTheKelvinSignInsteadOfFoldingItIntoAK() {
        // "\u212A".toLowerCase() is an ASCII 'k': folded, this would be kate@example.com.
        assertThatThrownBy(() -> new Email("\u212Aate@example.com"))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("U+212A")
                .hasMessageContaining("only ASCII");
        assertThat(Email.isValid("\u212Aate@example.com")).isFalse();
    }

    @Test
    void refusesTheCapitalIWithDotAbove() {
        // U+0130 lower-cases to "i" followed by a combining dot (two chars) under Locale.ROOT.
        assertThatThrownBy(() -> new Email("\u0130van@example.com"))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("U+0130");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "o\uFB00ice@example.com", // LATIN SMALL LIGATURE FF, NFKC "ff"
                "\uFF41lice@example.com", // FULLWIDTH LATIN SMALL LETTER A
                "alice@\uFF45xample.com", // fullwidth in the domain
                "alic\u0435@example.com", // CYRILLIC SMALL LETTER IE, looks like 'e'
                "ren\u00E9@example.com", // an accented letter
                "alice\u200B@example.com", // ZERO WIDTH SPACE
                "alice@example.com\u0000x"
            }) // a control character
    void refusesCompatibilityLookAlikeAndInvisibleCharacters(String address) {
        assertThatThrownBy(() -> new Email(address))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("only ASCII");
        assertThat(Email.isValid(address)).isFalse();
    }

    @Test
    void theRefusalShowsTheOffendingCharacterEscaped() {
        assertThatThrownBy(() -> new Email("o\uFB00ice@example.com"))
                .hasMessageContaining("o\\uFB00ice@example.com")
                .hasMessageContaining("position 2");
    }

    @Test
    void stillRefusesWhatIsNotShapedLikeAnAddress() {
        assertThatThrownBy(() -> new Email("alice example.com"))
                .isInstanceOf(InvalidApprovalRequest.class)
                .hasMessageContaining("is not an email address");
        assertThat(Email.isValid("alice@example")).isFalse();
        assertThat(Email.isValid("alice@example.com")).isTrue();
    }
}
