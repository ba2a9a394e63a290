package com.mulerun.chat.model;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A file content part ({@code {"type": "file", "file": {"filename": ..., "file_data":
 * ..., "file_id": ...}}}).
 *
 * @param file the file
 * @param extra properties the model does not name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "type", allowGetters = true)
@JsonDeserialize(using = ValueDeserializer.None.class)
public record FilePart(@JsonProperty("file") FileData file,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements ContentPart {

	/**
	 * Creates a file part.
	 * @param file the file
	 * @param extra properties the model does not name, or {@code null}
	 */
	public FilePart(FileData file, @Nullable Map<String, Object> extra) {
		this.file = Objects.requireNonNull(file, "file must not be null");
		this.extra = ModelSupport.extra(extra);
	}

	@Override
	@JsonProperty("type")
	public String type() {
		return "file";
	}

	/**
	 * The file of a {@link FilePart}: inline data or an uploaded file's id.
	 *
	 * @param filename the file name
	 * @param fileData base64-encoded file data
	 * @param fileId the id of an uploaded file
	 * @param extra properties the model does not name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record FileData(@JsonProperty("filename") @Nullable String filename,
			@JsonProperty("file_data") @Nullable String fileData, @JsonProperty("file_id") @Nullable String fileId,
			@JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

		/**
		 * Creates a file.
		 * @param filename the file name, or {@code null}
		 * @param fileData base64-encoded data, or {@code null}
		 * @param fileId the id of an uploaded file, or {@code null}
		 * @param extra properties the model does not name, or {@code null}
		 */
		public FileData(@Nullable String filename, @Nullable String fileData, @Nullable String fileId,
				@Nullable Map<String, Object> extra) {
			this.filename = filename;
			this.fileData = fileData;
			this.fileId = fileId;
			this.extra = ModelSupport.extra(extra);
		}

	}

}
