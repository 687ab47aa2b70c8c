package dev.weft.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * W4's peer: the same HTTP/1.1 plaintext work as Weft's HttpHelloServer (scan each request head
 * to the blank line, answer a fixed response, keep-alive, pipelining-safe, 8 KiB head bound) on
 * Netty's NIO transport with two event loops, as Weft runs two workers.
 */
public final class NettyHelloServer {
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n"
            + "Hello, World!").getBytes(StandardCharsets.US_ASCII);
    static final int MAX_HEAD = 8 * 1024;

    private NettyHelloServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Hello());
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("listening on http://127.0.0.1:" + port + "/");
        Thread.currentThread().join(); // serve until killed
    }

    /** Accumulates bytes, answers each complete head, keeps the remainder. */
    static final class Hello extends ChannelInboundHandlerAdapter {
        private ByteBuf in;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            if (in == null) {
                in = ctx.alloc().buffer(MAX_HEAD);
            }
            in.writeBytes(data);
            data.release();
            int count = 0;
            int consumed = in.readerIndex();
            for (int i = Math.max(in.readerIndex() + 3, consumed + 3); i < in.writerIndex(); i++) {
                if (in.getByte(i) == '\n' && in.getByte(i - 1) == '\r' && in.getByte(i - 2) == '\n'
                        && in.getByte(i - 3) == '\r' && i - 3 >= consumed) {
                    count++;
                    consumed = i + 1;
                }
            }
            in.readerIndex(consumed);
            in.discardReadBytes();
            if (count > 0) {
                ByteBuf out = Unpooled.buffer(RESPONSE.length * count);
                for (int i = 0; i < count; i++) {
                    out.writeBytes(RESPONSE);
                }
                ctx.writeAndFlush(out);
            } else if (in.readableBytes() >= MAX_HEAD) {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (in != null) {
                in.release();
                in = null;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
