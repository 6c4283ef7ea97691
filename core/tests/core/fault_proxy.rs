//! A loopback TCP proxy between Keydesk and a test server that fails the way networks and
//! servers do: it passes traffic, refuses connections (nothing listens on its port), lets
//! them hang (accepts and never answers), or cuts them right after the server's answer
//! starts to arrive. The mode applies to connections made after it is set, except
//! [`Fault::CutReplies`], which also cuts the connections already open.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Traffic flows both ways.
    Pass,
    /// Nothing listens: a connection attempt is refused by the operating system.
    Refuse,
    /// Connections are accepted and then nothing is ever sent or closed.
    Hang,
    /// The first bytes the server sends reach the client, then both sides are cut.
    CutAfterReply,
    /// Open connections too: the next bytes the server sends never reach the client, and
    /// both sides are cut (the server has done what was asked; its answer is lost).
    CutReplies,
}

pub struct FaultProxy {
    address: SocketAddr,
    upstream: SocketAddr,
    fault: Arc<Mutex<Fault>>,
    listening: Mutex<Option<JoinHandle<()>>>,
    /// Hung connections stay open until the proxy is dropped.
    held: Arc<Mutex<Vec<TcpStream>>>,
}

impl FaultProxy {
    /// A proxy on a free port of 127.0.0.1 in front of `upstream`, passing traffic.
    pub async fn start(upstream: SocketAddr) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port on 127.0.0.1");
        let address = listener.local_addr().unwrap();
        let proxy = FaultProxy {
            address,
            upstream,
            fault: Arc::new(Mutex::new(Fault::Pass)),
            listening: Mutex::new(None),
            held: Arc::new(Mutex::new(Vec::new())),
        };
        proxy.listen_with(listener);
        proxy
    }

    /// The port clients connect to instead of the server's.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// Fails (or stops failing) from the next connection on.
    pub async fn set(&self, fault: Fault) {
        *self.fault.lock().unwrap() = fault;
        let running = self.listening.lock().unwrap().is_some();
        match (fault, running) {
            (Fault::Refuse, true) => {
                let task = self.listening.lock().unwrap().take();
                if let Some(task) = task {
                    task.abort();
                    // The listener is dropped with its task; wait until it is.
                    let _ = task.await;
                }
            }
            (Fault::Refuse, false) | (_, true) => {}
            (_, false) => {
                let listener = TcpListener::bind(self.address)
                    .await
                    .expect("the proxy's port is free again");
                self.listen_with(listener);
            }
        }
    }

    fn listen_with(&self, listener: TcpListener) {
        let (upstream, fault, held) = (self.upstream, self.fault.clone(), self.held.clone());
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let fault_now = *fault.lock().unwrap();
                match fault_now {
                    Fault::Hang => held.lock().unwrap().push(client),
                    Fault::Pass | Fault::CutAfterReply => {
                        tokio::spawn(relay(
                            client,
                            upstream,
                            fault.clone(),
                            fault_now == Fault::CutAfterReply,
                        ));
                    }
                    Fault::CutReplies => drop(client),
                    Fault::Refuse => drop(client),
                }
            }
        });
        *self.listening.lock().unwrap() = Some(task);
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(task) = self.listening.lock().unwrap().take() {
            task.abort();
        }
        self.held.lock().unwrap().clear();
    }
}

/// Copies bytes both ways between `client` and the server; with `cut`, closes both as soon
/// as the first bytes from the server have been passed on; whenever `fault` becomes
/// [`Fault::CutReplies`], closes both instead of passing on what the server sends next.
async fn relay(client: TcpStream, upstream: SocketAddr, fault: Arc<Mutex<Fault>>, cut: bool) {
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let to_server = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut client_read, &mut server_write).await;
        let _ = server_write.shutdown().await;
    });
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = match server_read.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        if *fault.lock().unwrap() == Fault::CutReplies {
            break;
        }
        if client_write.write_all(&buffer[..read]).await.is_err() {
            break;
        }
        if cut {
            break;
        }
    }
    to_server.abort();
    // Dropping both halves of both sockets closes the connections.
}
