import java.io.BufferedReader;
import java.io.EOFException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of ConnectionStormTest, run as a separate JVM (java StormClient.java port n) so
 * that the server's process holds only its own ends of the connections (a process has a limited
 * number of file descriptors). Opens n connections and keeps them all open, sends one byte on each
 * and reads its echo, then closes them all when told to on stdin.
 */
public class StormClient {
    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int n = Integer.parseInt(args[1]);
        List<SocketChannel> open = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                open.add(SocketChannel.open(server));
            }
            System.out.println("CONNECTED " + open.size());
            for (SocketChannel c : open) {
                c.write(ByteBuffer.wrap(new byte[] {7}));
            }
            int echoed = 0;
            ByteBuffer one = ByteBuffer.allocate(1);
            for (SocketChannel c : open) {
                one.clear();
                if (c.read(one) != 1 || one.get(0) != 7) {
                    throw new EOFException("connection " + echoed + " did not echo its byte");
                }
                echoed++;
            }
            System.out.println("ECHOED " + echoed);
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        } finally {
            for (SocketChannel c : open) {
                c.close();
            }
            System.out.println("CLOSED " + open.size());
        }
    }
}
