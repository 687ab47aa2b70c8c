package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * Checks the README's first bad-input rule on a whole API class at once: every public static
 * method, called with {@code null} for each reference parameter in turn (the others given a
 * harmless value where one is known), throws NullPointerException at once with a message that
 * names the parameter ("x is null"), before any work is done.
 */
public final class NullSweep {
    private NullSweep() {}

    /**
     * @param api the class whose public static methods are swept
     * @param samples a value for each reference parameter type that is not the one being nulled
     * @param allowsNull "method/paramIndex" entries documented to accept null (e.g. a ready value)
     * @return how many (method, parameter) pairs were checked
     */
    public static int assertStaticMethodsRejectNull(Class<?> api, java.util.function.Function<Class<?>, Object> samples,
            Set<String> allowsNull) {
        int checked = 0;
        for (Method m : api.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) {
                continue;
            }
            Class<?>[] types = m.getParameterTypes();
            for (int nulled = 0; nulled < types.length; nulled++) {
                if (types[nulled].isPrimitive() || allowsNull.contains(m.getName() + "/" + nulled)) {
                    continue;
                }
                Object[] args = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    args[i] = i == nulled ? null : sample(types[i], samples, m);
                }
                String call = api.getSimpleName() + "." + m.getName() + " with parameter " + nulled + " null";
                try {
                    m.invoke(null, args);
                    fail(call + " did not throw");
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (!(cause instanceof NullPointerException)) {
                        fail(call + " threw " + cause + " instead of NullPointerException", cause);
                    }
                    String msg = cause.getMessage();
                    assertNotNull(msg, call + ": NullPointerException without a message");
                    assertTrue(msg.contains("null"), call + ": unclear message '" + msg + "'");
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                checked++;
            }
        }
        return checked;
    }

    private static Object sample(Class<?> type, java.util.function.Function<Class<?>, Object> samples, Method m) {
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 1 : (Object) 1L;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == double.class) {
            return 1.0;
        }
        Object v = samples.apply(type);
        if (v == null) {
            throw new AssertionError("no sample value for " + type.getName() + " (needed by " + m + ")");
        }
        assertTrue(type.isInstance(v), "sample for " + type.getName());
        return v;
    }
}
