package org.coophub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.impl.DefaultCamelContext;
import org.coophub.request.Scope;
import org.coophub.simulator.PlatformSimulator;
import org.coophub.simulator.SimulatorProperties;
import org.coophub.support.Hub;
import org.coophub.support.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** A taken file is archived with one rename, the long way only when that fails, and is never lost on the way. */
class PlatformArchivingTest {

    @TempDir
    Path dir;

    private PlatformSimulator simulator;
    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTakenFileIsMovedWithOneRenameAlone() {
        GenericFileOperations<Object> operations = mock(GenericFileOperations.class);
        when(operations.renameFile("/replies/R-1.json", "/replies/.done/R-1.json")).thenReturn(true);

        new PlatformArchiving<>().renameFile(operations, file("/replies", "R-1.json"), file("/replies/.done", "R-1.json"));

        verify(operations).renameFile("/replies/R-1.json", "/replies/.done/R-1.json");
        verify(operations, never()).deleteFile(anyString());
        verify(operations, never()).buildDirectory(anyString(), anyBoolean());
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheOneRenameFailsTheFileIsMovedTheLongWay() {
        GenericFileOperations<Object> operations = mock(GenericFileOperations.class);
        when(operations.renameFile("/replies/R-1.json", "/replies/.done/R-1.json"))
                .thenThrow(new GenericFileOperationFailedException("no such folder"))
                .thenReturn(true);
        when(operations.existsFile("/replies/R-1.json")).thenReturn(true);
        when(operations.buildDirectory("/replies/.done", true)).thenReturn(true);

        new PlatformArchiving<>().renameFile(operations, file("/replies", "R-1.json"), file("/replies/.done", "R-1.json"));

        InOrder longWay = inOrder(operations);
        longWay.verify(operations).renameFile("/replies/R-1.json", "/replies/.done/R-1.json");
        longWay.verify(operations).deleteFile("/replies/.done/R-1.json");
        longWay.verify(operations).buildDirectory("/replies/.done", true);
        longWay.verify(operations).renameFile("/replies/R-1.json", "/replies/.done/R-1.json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRenameDoneWhoseAnswerWasLostIsNotUndoneByTheLongWay() {
        GenericFileOperations<Object> operations = mock(GenericFileOperations.class);
        when(operations.renameFile("/replies/R-1.json", "/replies/.done/R-1.json"))
                .thenThrow(new GenericFileOperationFailedException("connection dropped"));
        when(operations.existsFile("/replies/R-1.json")).thenReturn(false);
        when(operations.existsFile("/replies/.done/R-1.json")).thenReturn(true);

        GenericFile<Object> moved = new PlatformArchiving<>().renameFile(operations, file("/replies", "R-1.json"),
                file("/replies/.done", "R-1.json"));

        assertThat(moved.getAbsoluteFilePath()).isEqualTo("/replies/.done/R-1.json");
        verify(operations, never()).deleteFile(anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileFoundInNeitherPlaceAfterAFailedRenameIsAnError() {
        GenericFileOperations<Object> operations = mock(GenericFileOperations.class);
        when(operations.renameFile("/replies/R-1.json", "/replies/.done/R-1.json"))
                .thenThrow(new GenericFileOperationFailedException("connection dropped"));

        assertThatThrownBy(() -> new PlatformArchiving<>().renameFile(operations, file("/replies", "R-1.json"),
                file("/replies/.done", "R-1.json"))).hasMessage("connection dropped");
        verify(operations, never()).deleteFile(anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void optionsItWouldIgnoreAreRefusedWithTheirNames() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        GenericFileEndpoint<Object> endpoint = (GenericFileEndpoint<Object>) camel.getEndpoint(
                "sftp://localhost:1/replies?password=RAW(secret)&move=.done&delete=true&readLock=changed");

        assertThatThrownBy(() -> new PlatformArchiving<>().prepareOnStartup(null, endpoint))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[delete, readLock]")
                .hasMessageNotContaining("secret");
    }

    /** Real MINA SSHD and Camel's sftp consumer, with the options of routes/replies.yaml that decide the moves. */
    @Test
    void takenFilesGoToDoneReplacingAnOlderOneRefusedOnesToErrorAndAMissingFolderIsCreated() throws Exception {
        PlatformProperties national = new PlatformProperties(Scope.NATIONAL, "localhost", Hub.freePort(), "coophub",
                null, dir.resolve("keys/client_key"), null, dir.resolve("keys/known_hosts"),
                new PlatformProperties.Folders("inbound", "replies", "requests", "our-replies"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 1, 1, Duration.ofSeconds(30));
        simulator = new PlatformSimulator(new SimulatorProperties(true, dir.resolve("platforms"), dir.resolve("keys"),
                false), Map.of("national", national));
        Path replies = simulator.root("national").resolve("replies");
        Files.createDirectories(replies.resolve(".done"));
        Files.writeString(replies.resolve(".done/R-1.json"), "an older file of the same name");
        Files.writeString(replies.resolve("R-1.json"), "taken");
        Files.writeString(replies.resolve("R-2.json"), "refused");
        String uri = SftpConnection.uri(national, "replies", "move=.done&moveFailed=.error"
                + "&processStrategy=#class:org.coophub.platform.PlatformArchiving&delay=50&disconnect=false"
                + "&stepwise=false&existDirCheckUsingLs=false&maximumReconnectAttempts=0");

        camel = new DefaultCamelContext();
        try (LogCapture longWays = LogCapture.of(PlatformArchiving.class, Level.DEBUG)) {
            pollWithOneRefusal(uri);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(replies.resolve(".done/R-1.json")).hasContent("taken");
                assertThat(replies.resolve(".error/R-2.json")).hasContent("refused");
            });
            assertThat(replies.resolve("R-1.json")).doesNotExist();
            assertThat(replies.resolve("R-2.json")).doesNotExist();
            // R-1 replaced the older file in one rename (posix-rename); R-2's .error did not exist yet: the long way
            assertThat(longWays.containing("R-1.json")).isEmpty();
            assertThat(longWays.containing("R-2.json")).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(line -> line.contains("moving it the long way"));
        }
    }

    /** A poll of {@code uri} that takes every file but the one whose content is "refused", which it keeps aside. */
    private void pollWithOneRefusal(String uri) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from(uri).routeId("poll").process(exchange -> {
                    if (exchange.getMessage().getBody(String.class).equals("refused")) {
                        // as the error policy marks a file it keeps aside
                        exchange.setProperty(PlatformArchiving.KEPT_ASIDE, true);
                        throw new IllegalArgumentException("refused");
                    }
                });
            }
        });
        camel.start();
    }

    private static GenericFile<Object> file(String folder, String name) {
        GenericFile<Object> file = new GenericFile<>();
        file.setEndpointPath("/");
        file.setAbsolute(true);
        file.setFileNameOnly(name);
        file.setFileName(name);
        file.setAbsoluteFilePath(folder + "/" + name);
        file.setRelativeFilePath(name);
        return file;
    }
}
