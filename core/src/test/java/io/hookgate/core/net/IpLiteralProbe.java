package io.hookgate.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Run by {@link IpLiteralTest} in a child JVM with its own hosts file: prints what the JDK and {@link IpLiteral} make of each argument. */
public final class IpLiteralProbe {

    private IpLiteralProbe() {
    }

    public static void main(final String[] args) {
        for (String host : args) {
            try {
                System.out.println("jdk " + host + " " + InetAddress.getByName(host).getHostAddress());
            } catch (UnknownHostException e) {
                System.out.println("jdk " + host + " unknown");
            }
            System.out.println("literal " + host + " " + IpLiteral.parse(host).map(InetAddress::getHostAddress).orElse("none"));
        }
    }
}
